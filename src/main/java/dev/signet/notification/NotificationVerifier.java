package dev.signet.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.NotificationSignature;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Verifies a Cloudinary notification: the signature against every key of the account (the
 * active one and those kept for rotation), compared in constant time, then the timestamp
 * against a window around Signet's clock. Plain Java.
 * <p>
 * Only a body that is one JSON object is ever checked against a secret: Cloudinary's
 * notifications are JSON objects, and no other string Signet signs starts with
 * <code>{</code>, so that no upload or widget signature Signet issues can pass as a
 * notification (see {@code docs/signed-constructions.md}).
 *
 * @author Signet developers
 */
public final class NotificationVerifier {

	/**
	 * Seconds without leading zeros: .NET and Go hash the parsed number, the other SDKs
	 * the header as received, so a leading zero would make them disagree.
	 */
	private static final Pattern TIMESTAMP = Pattern.compile("0|[1-9][0-9]{0,11}");

	private static final Pattern MILLISECONDS = Pattern.compile("[0-9]{13}");

	private static final JsonFactory JSON = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
		.build();

	private final CloudinaryAccounts accounts;

	private final Clock clock;

	private final Duration maxAge;

	private final Duration maxFutureSkew;

	public NotificationVerifier(CloudinaryAccounts accounts, Clock clock, Duration maxAge, Duration maxFutureSkew) {
		this.accounts = accounts;
		this.clock = clock;
		this.maxAge = maxAge;
		this.maxFutureSkew = maxFutureSkew;
	}

	/**
	 * Verifies a notification.
	 * @param account the account's name
	 * @param body the raw body bytes
	 * @param signature the {@code X-Cld-Signature} header, {@code null} when missing
	 * @param timestamp the {@code X-Cld-Timestamp} header, {@code null} when missing
	 * @return the verdict
	 * @throws CloudinaryAccounts.UnknownAccountException when the account is unknown
	 */
	public Verdict verify(String account, byte[] body, @Nullable String signature, @Nullable String timestamp) {
		Verdict refused = checkHeaders(account, signature, timestamp);
		if (refused != null) {
			return refused;
		}
		if (!isJsonObject(body)) {
			return Verdict.invalid(Reason.MALFORMED,
					"The body is not one JSON object: Cloudinary's notifications are JSON objects, and Signet "
							+ "checks no other body against the secret. Forward the raw body exactly as received.");
		}
		KeyRing ring = this.accounts.keyRing(account);
		String apiKey = null;
		for (CloudinaryAccount key : ring.keys()) {
			// Every key is tried, whatever matches first, so that timing says nothing.
			if (NotificationSignature.matches(body, timestamp, signature, key.secret()) && apiKey == null) {
				apiKey = key.apiKey();
			}
		}
		if (apiKey == null) {
			return Verdict.invalid(Reason.BAD_SIGNATURE,
					"The signature does not match the body and timestamp under any key of account '" + account
							+ "'. Forward the raw body exactly as received.");
		}
		long seconds = Long.parseLong(timestamp);
		Verdict outside = checkWindow(seconds, apiKey);
		return (outside != null) ? outside
				: new Verdict(true, Reason.VALID, "Signed by Cloudinary with API key " + apiKey + ".", apiKey, seconds);
	}

	/**
	 * What can be refused before the body is read: an unknown account, missing or
	 * malformed headers, a timestamp outside the window.
	 * @param account the account's name
	 * @param signature the {@code X-Cld-Signature} header, {@code null} when missing
	 * @param timestamp the {@code X-Cld-Timestamp} header, {@code null} when missing
	 * @return the refusal, or {@code null} when the body is worth reading
	 * @throws CloudinaryAccounts.UnknownAccountException when the account is unknown
	 */
	public @Nullable Verdict refuseBeforeBody(String account, @Nullable String signature, @Nullable String timestamp) {
		Verdict refused = checkHeaders(account, signature, timestamp);
		return (refused != null) ? refused : checkWindow(Long.parseLong(timestamp), null);
	}

	private @Nullable Verdict checkHeaders(String account, @Nullable String signature, @Nullable String timestamp) {
		this.accounts.keyRing(account);
		if (signature == null || timestamp == null) {
			return Verdict.invalid(Reason.MALFORMED, (signature != null) ? "The X-Cld-Timestamp header is missing."
					: "The X-Cld-Signature header is missing.");
		}
		if (MILLISECONDS.matcher(timestamp).matches()) {
			return Verdict.invalid(Reason.TIMESTAMP_IN_MILLISECONDS, "X-Cld-Timestamp " + timestamp
					+ " has 13 digits: it looks like milliseconds. Cloudinary sends UNIX time in seconds; forward "
					+ "the header exactly as received (" + timestamp.substring(0, 10) + " if it was converted).");
		}
		if (!TIMESTAMP.matcher(timestamp).matches()) {
			return Verdict.invalid(Reason.MALFORMED,
					"X-Cld-Timestamp must be a UNIX time in seconds, without leading zeros.");
		}
		if (NotificationSignature.algorithmOf(signature) == null) {
			return Verdict.invalid(Reason.MALFORMED,
					"X-Cld-Signature must be 40 (SHA-1) or 64 (SHA-256) hexadecimal characters.");
		}
		return null;
	}

	private @Nullable Verdict checkWindow(long seconds, @Nullable String apiKey) {
		long now = this.clock.instant().getEpochSecond();
		if (seconds < now - this.maxAge.toSeconds()) {
			return new Verdict(false, Reason.TOO_OLD,
					"The notification is " + (now - seconds) + " s old; notifications older than "
							+ this.maxAge.toSeconds() + " s are refused as replays.",
					apiKey, (apiKey != null) ? seconds : null);
		}
		if (seconds > now + this.maxFutureSkew.toSeconds()) {
			return new Verdict(false, Reason.TOO_FAR_IN_FUTURE,
					"The timestamp is " + (seconds - now) + " s ahead of server time; at most "
							+ this.maxFutureSkew.toSeconds() + " s are tolerated.",
					apiKey, (apiKey != null) ? seconds : null);
		}
		return null;
	}

	/**
	 * Whether a body is exactly one JSON object: its first byte is <code>{</code> (no
	 * leading whitespace, as Cloudinary sends it), it is well-formed, and only whitespace
	 * follows the object.
	 * @param body the raw body
	 * @return whether it is one JSON object
	 */
	static boolean isJsonObject(byte[] body) {
		if (body.length < 2 || body[0] != '{') {
			return false;
		}
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * The longest time a notification stays acceptable, which is how long the receiver
	 * must remember it.
	 * @return the window
	 */
	public Duration window() {
		return this.maxAge.plus(this.maxFutureSkew);
	}

	/**
	 * Why a notification is valid or not.
	 */
	public enum Reason {

		/** Signed by a key of the account, inside the window. */
		VALID("valid"),

		/**
		 * A header is missing or not of the expected form, or the body is not a JSON
		 * object.
		 */
		MALFORMED("malformed"),

		/** The timestamp has 13 digits: milliseconds where Cloudinary sends seconds. */
		TIMESTAMP_IN_MILLISECONDS("timestamp_in_milliseconds"),

		/** No key of the account signed this body and timestamp. */
		BAD_SIGNATURE("bad_signature"),

		/** Authentic but older than the window. */
		TOO_OLD("too_old"),

		/** Authentic but dated too far ahead of server time. */
		TOO_FAR_IN_FUTURE("too_far_in_future");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

	/**
	 * The outcome of a verification.
	 *
	 * @param valid whether the notification is authentic and fresh
	 * @param reason why
	 * @param detail a sentence for humans
	 * @param apiKey the API key whose secret signed it, when the signature matched
	 * @param timestamp the notification's timestamp, when well-formed and authentic
	 */
	public record Verdict(boolean valid, Reason reason, String detail, @Nullable String apiKey,
			@Nullable Long timestamp) {

		static Verdict invalid(Reason reason, String detail) {
			return new Verdict(false, reason, detail, null, null);
		}

	}

}
