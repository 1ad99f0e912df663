package dev.signet.accounts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cloudinary accounts besides (or instead of) the default one from
 * {@code CLOUDINARY_URL}, and how often secret files are re-read.
 *
 * @param accounts named accounts, such as {@code marketing}; {@code default} replaces
 * {@code CLOUDINARY_URL}
 * @param reloadInterval how often key files are checked for changes
 * @author Signet developers
 */
@ConfigurationProperties("signet.cloudinary")
public record AccountsProperties(@DefaultValue Map<String, Account> accounts,
		@DefaultValue("10s") Duration reloadInterval) {

	public AccountsProperties {
		if (reloadInterval.isNegative() || reloadInterval.isZero()) {
			throw new IllegalArgumentException("signet.cloudinary.reload-interval must be positive");
		}
	}

	/**
	 * One named account. Its keys are one or more {@code cloudinary://} URLs, one per
	 * line: the first signs, the others still verify notifications and API responses.
	 *
	 * @param url the keys, inline (from an environment variable); never shown
	 * @param urlFile a file holding the keys (a mounted secret), re-read when it changes
	 * @param authTokenKey the token key for {@code __cld_token__}, inline; never shown
	 * @param authTokenKeyFile a file holding the token key, re-read when it changes
	 */
	public record Account(@Nullable String url, @Nullable Path urlFile, @Nullable String authTokenKey,
			@Nullable Path authTokenKeyFile) {

		@Override
		public String toString() {
			return "Account[url=" + ((this.url != null) ? "******" : "null") + ", urlFile=" + this.urlFile
					+ ", authTokenKey=" + ((this.authTokenKey != null) ? "******" : "null") + ", authTokenKeyFile="
					+ this.authTokenKeyFile + "]";
		}

	}

}
