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
 * @param signatureVersion the signature version (Cloudinary's), or {@code null}
 * @param params the names of the signed parameters or fields
 * @param stringToSign the string that was signed without the secret, or {@code null}
 * @param uploadId the upload session (or record) the signature belongs to, or
 * {@code null}
 * @author Signet developers
 */
public record Grant(String account, String apiKey, @Nullable String algorithm, @Nullable Integer signatureVersion,
		List<String> params, @Nullable String stringToSign, @Nullable String uploadId) {

	public Grant {
		params = List.copyOf(params);
	}

	/**
	 * What was issued, for no upload record.
	 * @param account the Cloudinary account's name
	 * @param apiKey the account's API key (public)
	 * @param algorithm the digest algorithm, or {@code null}
	 * @param signatureVersion the signature version (Cloudinary's), or {@code null}
	 * @param params the names of the signed parameters or fields
	 * @param stringToSign the string that was signed without the secret, or {@code null}
	 */
	public Grant(String account, String apiKey, @Nullable String algorithm, @Nullable Integer signatureVersion,
			List<String> params, @Nullable String stringToSign) {
		this(account, apiKey, algorithm, signatureVersion, params, stringToSign, null);
	}

	/**
	 * The same grant, for an upload record.
	 * @param id the upload's id
	 * @return the grant
	 */
	public Grant forUpload(String id) {
		return new Grant(this.account, this.apiKey, this.algorithm, this.signatureVersion, this.params,
				this.stringToSign, id);
	}

}
