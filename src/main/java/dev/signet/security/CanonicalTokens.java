package dev.signet.security;

import java.util.Base64;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Refuses bearer tokens that are not compact JWS in canonical base64url (three parts, no
 * padding, no stray bits in the last character) before anything else looks at them.
 * Base64 decoders are lenient, so {@code token + "="} or any of the 16 last characters
 * that decode to the same bytes would each be a distinct token: a full signature check
 * and a new entry in the verified-token cache for what is one token.
 *
 * @author Signet developers
 */
final class CanonicalTokens implements JwtDecoder {

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final JwtDecoder delegate;

	CanonicalTokens(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (!isCanonical(token)) {
			throw new BadJwtException("The token is not a compact JWS in canonical base64url");
		}
		return this.delegate.decode(token);
	}

	static boolean isCanonical(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || !isCanonicalBase64url(part)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCanonicalBase64url(String part) {
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!alphabet) {
				return false;
			}
		}
		if (part.length() % 4 == 1) {
			return false;
		}
		return ENCODER.encodeToString(DECODER.decode(part)).equals(part);
	}

}
