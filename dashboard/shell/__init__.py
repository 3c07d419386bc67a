"""The app shell: who is looking (sign-in, roles, screen-share) and which pages they may open."""
