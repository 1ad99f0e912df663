package dev.signet.security;

import java.math.BigInteger;
import java.util.Arrays;
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
 * and a new entry in the verified-token cache for what is one token. For the same reason
 * an ES256 signature is passed on in low-S form: {@code (r, s)} and {@code (r, n - s)}
 * both verify, and ordinary ECDSA signers produce either, so the high-S form is rewritten
 * (not refused) before the cache and the signature check see it.
 *
 * @author Signet developers
 */
final class CanonicalTokens implements JwtDecoder {

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	/** The order of the P-256 group, which ES256 signs over. */
	private static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private static final BigInteger HALF_P256_ORDER = P256_ORDER.shiftRight(1);

	/**
	 * An ES256 JWS signature: r and s, 32 bytes each (RS256 ones are 256 bytes or more).
	 */
	private static final int ES256_SIGNATURE_LENGTH = 64;

	private final JwtDecoder delegate;

	CanonicalTokens(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (!isCanonical(token)) {
			throw new BadJwtException("The token is not a compact JWS in canonical base64url");
		}
		return this.delegate.decode(lowS(token));
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

	/**
	 * The token with an ES256 signature's {@code s} in low form ({@code s <= n/2}); other
	 * tokens unchanged.
	 * @param token a canonical token
	 * @return the same token, one string for both forms of an ES256 signature
	 */
	static String lowS(String token) {
		int dot = token.lastIndexOf('.');
		byte[] signature = DECODER.decode(token.substring(dot + 1));
		if (signature.length != ES256_SIGNATURE_LENGTH) {
			return token;
		}
		BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
		if (s.compareTo(HALF_P256_ORDER) <= 0) {
			return token;
		}
		byte[] low = P256_ORDER.subtract(s).toByteArray();
		Arrays.fill(signature, 32, 64, (byte) 0);
		int length = Math.min(low.length, 32);
		System.arraycopy(low, low.length - length, signature, 64 - length, length);
		return token.substring(0, dot + 1) + ENCODER.encodeToString(signature);
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
