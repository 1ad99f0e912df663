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
 * @author Signet developers
 */
public record AssetFacts(String assetId, String publicId, String resourceType, String type, long version,
		@Nullable String secureUrl, long bytes, @Nullable String format, @Nullable Integer width,
		@Nullable Integer height, @Nullable Double duration) {

}
