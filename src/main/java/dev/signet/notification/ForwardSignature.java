package dev.signet.notification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.signet.assets.Arrival;
import org.jspecify.annotations.Nullable;

/**
 * Signet's own signature on what it forwards, so that the internal service can trust a
 * forwarded notification without the Cloudinary secret. The header
 * {@code X-Signet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, signed bytes)>}
 * covers these bytes, each header value exactly as sent and the empty string for an
 * absent header:
 *
 * <pre>
 * t + "\n" + X-Signet-Event-Id + "\n" + X-Signet-Upload-Id + "\n" + X-Signet-Caller + "\n"
 *   + X-Signet-Profile + "\n" + X-Signet-Verdict + "\n" + X-Signet-Reason + "\n" + body
 * </pre>
 *
 * The key never appears in {@link #toString()}.
 *
 * @author Signet developers
 */
final class ForwardSignature {

	/** The signature's header. */
	static final String SIGNATURE = "X-Signet-Signature";

	/** The headers the signature covers, in the order they are signed. */
	static final String[] SIGNED_HEADERS = { "X-Signet-Event-Id", "X-Signet-Upload-Id", "X-Signet-Caller",
			"X-Signet-Profile", "X-Signet-Verdict", "X-Signet-Reason" };

	private final SecretKeySpec key;

	ForwardSignature(String key) {
		this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The {@code X-Signet-*} headers of a forwarded notification, values ASCII-safe.
	 * @param eventId the receiver's id of the notification
	 * @param arrival what Signet decided about the upload, or {@code null}
	 * @return the headers present, in signing order
	 */
	static Map<String, String> headers(String eventId, @Nullable Arrival arrival) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Signet-Event-Id", headerValue(eventId));
		if (arrival != null) {
			headers.put("X-Signet-Upload-Id", headerValue(arrival.uploadId()));
			headers.put("X-Signet-Caller", headerValue(arrival.caller()));
			headers.put("X-Signet-Profile", headerValue(arrival.profile()));
			headers.put("X-Signet-Verdict", headerValue(arrival.verdict()));
			if (arrival.reason() != null) {
				headers.put("X-Signet-Reason", headerValue(arrival.reason()));
			}
		}
		return headers;
	}

	/**
	 * The signature header's value.
	 * @param unixSeconds the time of signing
	 * @param headers the {@code X-Signet-*} headers as sent
	 * @param body the body as sent
	 * @return {@code t=...,v1=...}
	 */
	String sign(long unixSeconds, Map<String, String> headers, byte[] body) {
		ByteArrayOutputStream signed = new ByteArrayOutputStream();
		signed.writeBytes((unixSeconds + "\n").getBytes(StandardCharsets.US_ASCII));
		for (String name : SIGNED_HEADERS) {
			signed.writeBytes((headers.getOrDefault(name, "") + "\n").getBytes(StandardCharsets.US_ASCII));
		}
		signed.writeBytes(body);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(signed.toByteArray()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * A header value that is printable ASCII: every byte of the UTF-8 form outside
	 * {@code !} to {@code ~}, and {@code %} itself, is percent-encoded ({@code %XX}).
	 * @param value the value
	 * @return the ASCII-safe value
	 */
	static String headerValue(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c > 0x20 && c < 0x7f && c != '%') {
				out.append((char) c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	@Override
	public String toString() {
		return "ForwardSignature[key=******]";
	}

}
