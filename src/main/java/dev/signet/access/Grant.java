package dev.signet.access;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the audit records about something issued: the key that signed and what was signed
 * (names and a digest, never values, the secret or the signature).
 *
 * @param account the Cloudinary account's name
 * @param apiKey the account's API key (public)
 * @param algorithm the digest algorithm, or {@code null} when fixed by the construction
 * @param signatureVersion Cloudinary's signature version, or {@code null}
 * @param params the names of the signed parameters or fields
 * @param stringToSign the string that was signed without the secret, or {@code null}
 * @author Signet developers
 */
public record Grant(String account, String apiKey, @Nullable String algorithm, @Nullable Integer signatureVersion,
		List<String> params, @Nullable String stringToSign) {

	public Grant {
		params = List.copyOf(params);
	}

}
