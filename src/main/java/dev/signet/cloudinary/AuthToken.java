package dev.signet.cloudinary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Cloudinary's token-based authentication ({@code __cld_token__}, Akamai style, spec §5).
 * <p>
 * The token is {@code ip=..~st=..~exp=..~acl=..~hmac=..} (optional parts left out); the
 * HMAC-SHA256, keyed with the hex-decoded token key, covers the same parts without
 * {@code hmac}, plus {@code url=<escaped url>} only when no ACL is given (the URL itself
 * is then not written into the token). ACLs are joined with {@code !}; ACL and URL are
 * escaped with lower-case {@code %xx} for {@code "#%&'/:;<=>?@[]^`{|}~}. Backslashes,
 * control and non-ASCII characters are refused: the SDKs escape them differently.
 *
 * @param ip the client IP the token is bound to, or {@code null}
 * @param startTime the UNIX time the token becomes valid, or {@code null}
 * @param expiration the UNIX time the token expires
 * @param acls the ACL patterns, such as {@code /image/authenticated/*}; may be empty
 * @param url the URL path the token is for when there is no ACL, or {@code null}
 * @author Signet developers
 */
public record AuthToken(@Nullable String ip, @Nullable Long startTime, long expiration, List<String> acls,
		@Nullable String url) {

	/** The cookie and query parameter name. */
	public static final String NAME = "__cld_token__";

	private static final String ESCAPED = " \"#%&'/:;<=>?@[]^`{|}~";

	public AuthToken {
		acls = List.copyOf(acls);
		if (acls.isEmpty() && url == null) {
			throw new RefusedInputException("acl", "give an ACL or a URL to sign");
		}
		for (String acl : acls) {
			check("acl", acl);
		}
		if (url != null) {
			check("url", url);
		}
	}

	/**
	 * Generates the token value (without the {@code __cld_token__=} prefix).
	 * @param key the token key
	 * @return the token value, as set in the cookie
	 */
	public String generate(AuthTokenKey key) {
		List<String> parts = new ArrayList<>(5);
		if (this.ip != null) {
			parts.add("ip=" + this.ip);
		}
		if (this.startTime != null) {
			parts.add("st=" + this.startTime);
		}
		parts.add("exp=" + this.expiration);
		if (!this.acls.isEmpty()) {
			parts.add("acl=" + escapeToLower(String.join("!", this.acls)));
		}
		List<String> toSign = new ArrayList<>(parts);
		if (this.acls.isEmpty() && this.url != null) {
			toSign.add("url=" + escapeToLower(this.url));
		}
		byte[] hmac = key.newMac().doFinal(String.join("~", toSign).getBytes(StandardCharsets.UTF_8));
		parts.add("hmac=" + HexFormat.of().formatHex(hmac));
		return String.join("~", parts);
	}

	/**
	 * Escapes like the SDKs' {@code escapeToLower}.
	 * @param value an ACL or URL
	 * @return the escaped form
	 */
	static String escapeToLower(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (ESCAPED.indexOf(c) >= 0) {
				out.append('%').append(Integer.toHexString(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static void check(String field, String value) {
		if (value.isEmpty()) {
			throw new RefusedInputException(field, "must not be empty");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new RefusedInputException(field, "only printable ASCII is accepted: the SDKs escape "
						+ "non-ASCII and control characters differently");
			}
			if (c == '\\') {
				throw new RefusedInputException(field, "contains '\\', which Java's SDK escapes and Node's does not");
			}
		}
	}

}
