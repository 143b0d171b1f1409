#!/bin/sh
# Any static host (a web server's document root, S3, Netlify, an FTP space):
# build with the address the site will have, then upload the whole directory.
# Here the site is published at https://example.org/explainer/ and copied with rsync.
set -eu
sourced build --strict --content content --out public --base-url https://example.org/explainer/
rsync -a --delete public/ deploy@example.org:/var/www/explainer/
