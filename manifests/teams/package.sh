#!/bin/sh
# Zips manifest.json, color.png and outline.png (at the zip root) into an app package to upload
# in Teams (Apps > Manage your apps > Upload an app). TEAMS_APP_ID (the bot's Microsoft App ID, a
# GUID; not a secret) replaces the placeholder id and botId; TEAMS_APP_VERSION bumps the version.
# Usage: TEAMS_APP_ID=<guid> manifests/teams/package.sh [output.zip]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/ovmselfhost-teams.zip}
case "$out" in /*) ;; *) out=$(pwd)/$out ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app_id=${TEAMS_APP_ID:-00000000-0000-0000-0000-000000000000}
echo "$app_id" | grep -Eq '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' || { echo "TEAMS_APP_ID '$app_id' is not a GUID" >&2; exit 2; }
[ "$app_id" = 00000000-0000-0000-0000-000000000000 ] && echo "warning: TEAMS_APP_ID not set; the package carries the placeholder id" >&2
sed -e "s/00000000-0000-0000-0000-000000000000/$app_id/g" \
    -e "s/\"version\": \"1.0.0\"/\"version\": \"${TEAMS_APP_VERSION:-1.0.0}\"/" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
echo "wrote $out"
