package dev.signet.accounts;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Cloudinary account, from the {@code CLOUDINARY_URL} environment variable (or a file
 * of that name in the config tree), in Cloudinary's own
 * {@code cloudinary://API_KEY:API_SECRET@CLOUD_NAME} form.
 *
 * @param url the Cloudinary URL; parsed and checked at startup, never shown
 * @author Signet developers
 */
@ConfigurationProperties("cloudinary")
public record CloudinaryProperties(@Nullable String url) {

	@Override
	public String toString() {
		return "CloudinaryProperties[url=" + ((this.url != null) ? "******" : "null") + "]";
	}

}
