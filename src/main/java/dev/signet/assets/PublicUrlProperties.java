package dev.signet.assets;

import java.net.URI;

import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code signet.public-url}: the address at which Cloudinary reaches this Signet (its
 * receiver is {@code <public-url>/v1/notifications/cloudinary}). Required when a profile
 * has {@code notify: true}.
 *
 * @param publicUrl the https (or, for local development, http) base URL, without query or
 * fragment, or {@code null}
 * @author Signet developers
 */
@ConfigurationProperties("signet")
public record PublicUrlProperties(@Nullable URI publicUrl) {

	/** The receiver's path below the public URL. */
	public static final String RECEIVER_PATH = "/v1/notifications/cloudinary";

	public PublicUrlProperties {
		if (publicUrl != null) {
			boolean web = "https".equals(publicUrl.getScheme()) || "http".equals(publicUrl.getScheme());
			if (!web || publicUrl.getHost() == null || publicUrl.getRawUserInfo() != null
					|| publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
				throw new InvalidSettingException("signet.public-url",
						"must be an http(s) URL with a host and no user, query or fragment");
			}
		}
	}

	/**
	 * The URL Cloudinary should post notifications to.
	 * @return the receiver's URL, or {@code null} when no public URL is set
	 */
	public @Nullable String receiverUrl() {
		if (this.publicUrl == null) {
			return null;
		}
		String base = this.publicUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + RECEIVER_PATH;
	}

}
