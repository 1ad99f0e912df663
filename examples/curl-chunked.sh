#!/usr/bin/env bash
# Upload a big file to Cloudinary in parts through a Signet upload session, with curl (needs jq):
# begin the session, re-sign and post each part with X-Unique-Upload-Id and Content-Range, finish.
#   SIGNET_URL=http://localhost:8080 SIGNET_API_KEY=demo-key-change-me-0123456789 \
#     examples/curl-chunked.sh video.mp4 [folder]
# SIGNET_PROFILE names the profile (default: Signet's choice), RESOURCE_TYPE the resource type
# (default auto). Prints Cloudinary's JSON answer to the last part; on a refusal prints Signet's (or
# Cloudinary's) error JSON and exits 22.
set -euo pipefail
file=${1:?usage: examples/curl-chunked.sh FILE [FOLDER]}
folder=${2:-examples}
SIGNET_URL=${SIGNET_URL:-http://localhost:8080}
SIGNET_API_KEY=${SIGNET_API_KEY:-demo-key-change-me-0123456789}
profile=${SIGNET_PROFILE:-}
resource_type=${RESOURCE_TYPE:-auto}
command -v jq >/dev/null || { echo "examples/curl-chunked.sh needs jq (apt-get install jq)" >&2; exit 1; }
total=$(wc -c <"$file" | tr -d ' ')
part=$(mktemp)
trap 'rm -f "$part"' EXIT

# #region curl-chunked
signet() {  # signet METHOD PATH [JSON]: Signet's JSON in $answer; on a refusal print it, exit 22
  if ! answer=$(curl -sS --fail-with-body -X "$1" "$SIGNET_URL$2" -H "X-Api-Key: $SIGNET_API_KEY" \
    -H 'Content-Type: application/json' ${3:+-d "$3"}); then
    echo "$answer"  # Signet's problem+json: its detail says what to change
    exit 22
  fi
}
signet POST /v1/uploads "$(jq -n --arg folder "$folder" --arg profile "$profile" --arg type "$resource_type" \
  --argjson bytes "$total" --arg filename "$(basename "$file")" \
  '{params: {folder: $folder, tags: ["curl"]}, resource_type: $type, bytes: $bytes, filename: $filename}
   + if $profile == "" then {} else {profile: $profile} end')"
signed=$answer
upload_id=$(jq -r .upload_id <<<"$signed")
finish() {  # however the script ends: Signet signs nothing more for this upload
  curl -sS -o /dev/null -X DELETE "$SIGNET_URL/v1/uploads/$upload_id" -H "X-Api-Key: $SIGNET_API_KEY"
}
trap 'rm -f "$part"; finish' EXIT
chunk_size=$(jq -r .chunk_size <<<"$signed")
for ((index = 0, start = 0; start < total; index++, start += chunk_size)); do
  end=$(((start + chunk_size < total ? start + chunk_size : total) - 1))
  # Cloudinary checks every part's own timestamp: a fresh signature for each part after the first.
  if ((index > 0)); then signet POST "/v1/uploads/$upload_id/signature" '{}' && signed=$answer; fi
  dd if="$file" of="$part" bs="$chunk_size" skip="$index" count=1 2>/dev/null
  fields=()  # every field of params exactly as given (--form-string: no @file or <file magic)
  while IFS= read -r field; do
    fields+=(--form-string "$field")
  done < <(jq -r '.params | to_entries[] | "\(.key)=\(.value)"' <<<"$signed")
  # One part at a time, so the last one goes only after all the others have returned.
  if ! answer=$(curl -sS --fail-with-body "$(jq -r .upload_url <<<"$signed")" "${fields[@]}" \
    -H "X-Unique-Upload-Id: $upload_id" -H "Content-Range: bytes $start-$end/$total" \
    --form-string "api_key=$(jq -r .api_key <<<"$signed")" \
    --form-string "signature=$(jq -r .signature <<<"$signed")" \
    -F "file=@$part;filename=$(basename "$file")"); then
    echo "$answer"  # Cloudinary's {"error": {"message": ...}}
    exit 22
  fi
done
echo "$answer"  # Cloudinary's answer to the last part: the uploaded asset
# #endregion curl-chunked
