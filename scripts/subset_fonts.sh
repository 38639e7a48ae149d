#!/usr/bin/env bash
# Makes assets/fonts/: the fonts PDF reports embed (report::pdf), cut down to the scripts reports
# are written in. Run by hand, never by the build. Needs pyftsubset (pip install fonttools) and
# Debian's fonts-noto-core (or the same Noto files from elsewhere, passed as NOTO=folder).
#   Noto Sans Regular and Bold: Latin, Greek, Cyrillic, punctuation, arrows, a few signs.
#   Noto Sans Arabic Regular: Arabic, its supplements and presentation forms.
# Every OpenType layout feature is kept: Arabic needs its joining forms and ligatures.
set -euo pipefail
NOTO=${NOTO:-/usr/share/fonts/truetype/noto}
OUT=$(dirname "$0")/../assets/fonts
LATIN="U+0020-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+2260,U+2264,U+2265,U+2248,U+221E,U+25A0-25FF,U+2713,U+2717,U+FFFD"
ARABIC="U+0020-0040,U+00A0,U+060C-06FF,U+0750-077F,U+08A0-08FF,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF"
for weight in Regular Bold; do
  pyftsubset "$NOTO/NotoSans-$weight.ttf" --unicodes="$LATIN" --layout-features='*' \
    --no-hinting --desubroutinize --output-file="$OUT/NotoSans-$weight.ttf"
done
pyftsubset "$NOTO/NotoSansArabic-Regular.ttf" --unicodes="$ARABIC" --layout-features='*' \
  --no-hinting --output-file="$OUT/NotoSansArabic-Regular.ttf"
