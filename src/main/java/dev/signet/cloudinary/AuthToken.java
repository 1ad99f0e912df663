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
 * escaped with lower-case {@code %xx} for {@code "#%&'/:;<=>?@[]^`{|}~}. Refused, because
 * the seven official SDKs disagree (docs/sdk-panel.md): backslashes (Node alone leaves
 * them raw) and a start time of 0 (written by Node, Python and Ruby, left out by the
 * others). Control and non-ASCII characters are refused too (no delivered path has them
 * raw).
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
		if (startTime != null && startTime == 0) {
			throw new RefusedInputException("start_time",
					"the official SDKs sign this start time differently "
							+ "(Node, Python and Ruby write st=0, Java, .NET, PHP and Go leave st out); "
							+ "Signet refuses it rather than guess: leave start_time out or give a later time");
		}
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
	 * Refuses a start time the SDKs write differently: 0 (Node, Python and Ruby write
	 * {@code st=0}, Java, .NET, PHP and Go leave {@code st} out).
	 * @param startTime the start time, or {@code null}
	 * @throws RefusedInputException when it is 0
	 */
	public static void checkStartTime(@Nullable Long startTime) {
		if (startTime != null && startTime == 0) {
			throw new RefusedInputException("start_time",
					"the official SDKs sign this start time differently "
							+ "(Node, Python and Ruby write st=0, Java, .NET, PHP and Go leave st out); "
							+ "Signet refuses it rather than guess: leave start_time out or give a later time");
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
				throw new RefusedInputException(field, "only printable ASCII is accepted: delivery paths are "
						+ "percent-encoded ASCII, so a raw non-ASCII or control character matches no delivered URL");
			}
			if (c == '\\') {
				throw new RefusedInputException(field,
						"the official SDKs sign this " + field + " differently ('\\': "
								+ "Node leaves it as it is, Java, Python, Ruby, PHP, .NET and Go write %5c); "
								+ "Signet refuses it rather than guess");
			}
		}
	}

}
