# Sourced by scripts/run and scripts/test: Debian's Pango and DejaVu fonts, which WeasyPrint
# (the PDF reports) needs, installed when missing and allowed (root).
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Pango en DejaVu-lettertypen installeren voor de PDF-rapporten ..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core) \
    >/tmp/apt-pango.log 2>&1 \
    || echo "Pango kon niet geïnstalleerd worden (zie /tmp/apt-pango.log); de PDF-rapporten werken dan niet."
fi
