#!/usr/bin/env bash
# Ask a local Signet for a signature, then upload a file straight to Cloudinary with curl (needs jq).
#   SIGNET_URL=http://localhost:8080 SIGNET_API_KEY=demo-key-change-me-0123456789 examples/curl.sh photo.png [folder]
# Prints Cloudinary's JSON answer; on a refusal prints Signet's (or Cloudinary's) error JSON and exits 22.
set -euo pipefail
file=${1:?usage: examples/curl.sh FILE [FOLDER]}
folder=${2:-examples}
SIGNET_URL=${SIGNET_URL:-http://localhost:8080}
SIGNET_API_KEY=${SIGNET_API_KEY:-demo-key-change-me-0123456789}
command -v jq >/dev/null || { echo "examples/curl.sh needs jq (apt-get install jq)" >&2; exit 1; }

# #region curl
if ! signed=$(curl -sS --fail-with-body "$SIGNET_URL/v1/signatures" \
  -H "X-Api-Key: $SIGNET_API_KEY" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg folder "$folder" '{params: {folder: $folder, tags: ["curl"]}}')"); then
  echo "$signed"  # Signet's problem+json: its detail says what to change
  exit 22
fi
# Post every field of params exactly as given (--form-string: no @file or <file magic), then
# api_key, signature and the file, to upload_url.
fields=()
while IFS= read -r field; do
  fields+=(--form-string "$field")
done < <(jq -r '.params | to_entries[] | "\(.key)=\(.value)"' <<<"$signed")
curl -sS --fail-with-body "$(jq -r .upload_url <<<"$signed")" "${fields[@]}" \
  --form-string "api_key=$(jq -r .api_key <<<"$signed")" \
  --form-string "signature=$(jq -r .signature <<<"$signed")" \
  -F "file=@$file"
# #endregion curl
echo
