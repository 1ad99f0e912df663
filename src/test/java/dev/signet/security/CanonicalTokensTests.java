package dev.signet.security;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CanonicalTokens}: one token, one string.
 *
 * @author Signet developers
 */
class CanonicalTokensTests {

	private static final BigInteger P256_ORDER = new BigInteger(
			"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	@Test
	void es256SignatureInHighSFormIsTheSameTokenAsItsLowSForm() {
		BigInteger lowS = BigInteger.valueOf(12345);
		String low = token(lowS);
		String high = token(P256_ORDER.subtract(lowS));
		assertThat(CanonicalTokens.isCanonical(high)).isTrue();
		assertThat(CanonicalTokens.lowS(high)).isEqualTo(low);
		assertThat(CanonicalTokens.lowS(low)).isEqualTo(low);
		String half = token(P256_ORDER.shiftRight(1));
		assertThat(CanonicalTokens.lowS(half)).isEqualTo(half);
		assertThat(CanonicalTokens.lowS(token(P256_ORDER.shiftRight(1).add(BigInteger.ONE))))
			.isEqualTo(token(P256_ORDER.shiftRight(1)));
	}

	@Test
	void paddedOrMalleatedBase64IsRefused() {
		String token = token(BigInteger.TEN);
		assertThat(CanonicalTokens.isCanonical(token + "=")).isFalse();
		assertThat(CanonicalTokens.isCanonical(token.substring(0, token.length() - 1) + "B")).isFalse();
		assertThat(CanonicalTokens.isCanonical("a.b")).isFalse();
	}

	private static String token(BigInteger s) {
		byte[] signature = new byte[64];
		Arrays.fill(signature, 0, 32, (byte) 7);
		byte[] sBytes = s.toByteArray();
		int length = Math.min(sBytes.length, 32);
		System.arraycopy(sBytes, sBytes.length - length, signature, 64 - length, length);
		return B64.encodeToString("{\"alg\":\"ES256\"}".getBytes()) + "." + B64.encodeToString("{}".getBytes()) + "."
				+ B64.encodeToString(signature);
	}

}
