package dev.signet.uploads;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signet.assets.AssetFacts;
import dev.signet.assets.UploadRecord;
import org.jspecify.annotations.Nullable;

/**
 * What Signet knows about one upload it signed, as {@code GET /v1/uploads/{id}} and
 * {@code POST /v1/uploads/{id}/complete} answer it. Fields that are not known are
 * omitted.
 *
 * @param uploadId the upload id
 * @param status {@code issued}, {@code complete}, {@code rejected} or {@code expired}
 * @param profile the signing profile
 * @param resourceType the asset's resource type once arrived, else the signed one
 * @param publicId the asset's public id once arrived, else the signed one (if any)
 * @param assetId Cloudinary's asset id, once arrived
 * @param secureUrl the asset's secure URL, once arrived
 * @param bytes the stored size, once arrived
 * @param format the format, once arrived
 * @param width the width in pixels, once arrived
 * @param height the height in pixels, once arrived
 * @param duration the duration in seconds (video and audio), once arrived
 * @param reason why it was rejected
 * @param removed for a rejected upload: whether the asset was destroyed at Cloudinary
 * @param createdAt when it was signed (ISO-8601 UTC)
 * @param expiresAt when its signature stops being accepted (ISO-8601 UTC)
 * @author Signet developers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadStatusResponse(@JsonProperty("upload_id") String uploadId, String status, String profile,
		@JsonProperty("resource_type") String resourceType, @JsonProperty("public_id") @Nullable String publicId,
		@JsonProperty("asset_id") @Nullable String assetId, @JsonProperty("secure_url") @Nullable String secureUrl,
		@Nullable Long bytes, @Nullable String format, @Nullable Integer width, @Nullable Integer height,
		@Nullable Double duration, @Nullable String reason, @Nullable Boolean removed,
		@JsonProperty("created_at") String createdAt, @JsonProperty("expires_at") String expiresAt) {

	static UploadStatusResponse of(UploadRecord record) {
		AssetFacts asset = record.asset();
		boolean rejected = UploadRecord.REJECTED.equals(record.status());
		return new UploadStatusResponse(record.id(), record.status(), record.profile(),
				(asset != null) ? asset.resourceType() : record.resourceType(),
				(asset != null) ? asset.publicId() : record.publicId(),
				(asset != null) ? emptyToNull(asset.assetId()) : null, (asset != null) ? asset.secureUrl() : null,
				(asset != null) ? asset.bytes() : null, (asset != null) ? asset.format() : null,
				(asset != null) ? asset.width() : null, (asset != null) ? asset.height() : null,
				(asset != null) ? asset.duration() : null, record.reason(), rejected ? record.removed() : null,
				Instant.ofEpochSecond(record.createdAt()).toString(),
				Instant.ofEpochSecond(record.expiresAt()).toString());
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
