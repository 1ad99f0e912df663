package dev.signet.assets;

import org.jspecify.annotations.Nullable;

/**
 * What Cloudinary says arrived: from a signed upload notification, or from its Admin API.
 * Never from what a client says.
 *
 * @param assetId Cloudinary's {@code asset_id}
 * @param publicId the {@code public_id}
 * @param resourceType {@code image}, {@code video} or {@code raw}
 * @param type the delivery type ({@code upload} for everything Signet signs)
 * @param version the {@code version}
 * @param secureUrl the {@code secure_url}, or {@code null}
 * @param bytes the stored size
 * @param format the format, or {@code null} (raw files may have none)
 * @param width the width in pixels, or {@code null}
 * @param height the height in pixels, or {@code null}
 * @param duration the duration in seconds (video and audio), or {@code null}
 * @param contextUploadId the {@code context.custom.signet_upload_id} Cloudinary holds for
 * the asset, or {@code null}
 * @author Signet developers
 */
public record AssetFacts(String assetId, String publicId, String resourceType, String type, long version,
		@Nullable String secureUrl, long bytes, @Nullable String format, @Nullable Integer width,
		@Nullable Integer height, @Nullable Double duration, @Nullable String contextUploadId) {

	/**
	 * Whether this is the same asset as another: the same {@code asset_id} when both have
	 * one, else the same public id, resource type, delivery type and version.
	 * @param other the other, or {@code null}
	 * @return whether they are one asset
	 */
	public boolean sameAs(@Nullable AssetFacts other) {
		if (other == null) {
			return false;
		}
		if (!this.assetId.isEmpty() && !other.assetId.isEmpty()) {
			return this.assetId.equals(other.assetId);
		}
		return this.publicId.equals(other.publicId) && this.resourceType.equals(other.resourceType)
				&& this.type.equals(other.type) && this.version == other.version;
	}

}
