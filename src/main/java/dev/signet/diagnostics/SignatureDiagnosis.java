package dev.signet.diagnostics;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signet.cloudinary.UploadParameters;
import dev.signet.cloudinary.UploadSigner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Compares what Cloudinary says it signed (from its error text) with what the client sent
 * or Signet signed, and says in plain words what differs. Needs no secret.
 *
 * @author Signet developers
 */
public final class SignatureDiagnosis {

	private static final String INVALID_PREFIX = "Invalid Signature";

	private static final String STRING_TO_SIGN = "String to sign - '";

	/**
	 * Cloudinary writes the reported time as a date ({@code 2015-06-20 12:59:41 +0000},
	 * as users posted it in cloudinary_java#25 and cloudinary_gem#222); a UNIX time is
	 * read too.
	 */
	private static final Pattern STALE = Pattern.compile("Stale request - reported time is "
			+ "([0-9]{1,18}|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}) which is more than 1 hour ago");

	private static final DateTimeFormatter REPORTED_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xx")
		.withResolverStyle(ResolverStyle.STRICT);

	/** The longest error text Signet reads, in characters. */
	public static final int MAX_ERROR_LENGTH = 8192;

	private final Clock clock;

	public SignatureDiagnosis(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Diagnoses an error.
	 * @param error the error message from Cloudinary
	 * @param params what the client posted or Signet signed, as strings; {@code null}
	 * when unknown
	 * @param algorithm the account's algorithm ({@code sha1}/{@code sha256}), or
	 * {@code null}
	 * @return the diagnosis
	 * @throws IllegalArgumentException when the error text is not one of Cloudinary's
	 */
	public Result diagnose(String error, @Nullable Map<String, String> params, @Nullable String algorithm) {
		if (error.length() > MAX_ERROR_LENGTH) {
			throw new IllegalArgumentException("error must be at most " + MAX_ERROR_LENGTH
					+ " characters; send Cloudinary's message as it came, without logs around it");
		}
		long now = this.clock.instant().getEpochSecond();
		Matcher stale = STALE.matcher(error);
		if (stale.find()) {
			long timestamp = reportedTime(stale.group(1));
			List<String> hints = new ArrayList<>(timestampHints(timestamp, now));
			hints.add("Cloudinary accepts a signature for one hour after its timestamp: fetch a fresh signature "
					+ "right before each upload (and again when an upload is retried or resumed later).");
			return new Result("stale", "Cloudinary refused the upload because its timestamp is too old.", null, null,
					List.of(), List.of(), List.of(), timestamp, now - timestamp, null, hints);
		}
		String[] invalid = parseInvalid(error.strip());
		if (invalid == null) {
			throw new IllegalArgumentException(
					"error must be Cloudinary's message, such as \"Invalid Signature <sig>. String to sign - '...'.\" "
							+ "or \"Stale request - reported time is <t> which is more than 1 hour ago\"");
		}
		String sentSignature = invalid[0];
		String cloudinaryString = invalid[1];
		Map<String, String> seen = parse(cloudinaryString);
		List<String> hints = new ArrayList<>();
		List<String> unsigned = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		String signedString = null;
		if (params != null) {
			Map<String, String> signed = new TreeMap<>();
			params.forEach((name, value) -> {
				if (UploadParameters.isNeverSigned(name)) {
					hints.add(name + " is never part of the string to sign: Cloudinary leaves it out, so sign "
							+ "without it.");
				}
				else if (!value.isEmpty()) {
					signed.put(name, value);
				}
			});
			signedString = UploadSigner.stringToSign(signed, 2);
			for (Map.Entry<String, String> entry : seen.entrySet()) {
				String mine = signed.get(entry.getKey());
				if (mine == null) {
					unsigned.add(entry.getKey());
				}
				else if (!normalize(mine).equals(normalize(entry.getValue()))) {
					changed.add(entry.getKey());
				}
			}
			for (String name : signed.keySet()) {
				if (!seen.containsKey(name)) {
					missing.add(name);
				}
			}
		}
		if (unsigned.contains("source") && "uw".equals(seen.get("source"))) {
			hints.add("The Upload Widget adds source=uw to what it posts: sign the widget's own paramsToSign "
					+ "(POST /v1/signatures/widget) instead of building the parameters yourself.");
		}
		for (String name : unsigned) {
			if (!name.equals("source")) {
				hints.add("Cloudinary received " + name + " but it was not signed: sign exactly what the client "
						+ "posts (add it to the signed parameters, or stop sending it).");
			}
		}
		for (String name : missing) {
			hints.add("The " + name + " was signed but Cloudinary did not receive it: post every field of params "
					+ "from Signet's response.");
		}
		for (String name : changed) {
			hints.add("The value of " + name + " differs between what was signed and what Cloudinary received: post "
					+ "the exact strings from params (no re-encoding, no trimming, lists joined with ',').");
		}
		String timestampText = seen.get("timestamp");
		Long timestamp = null;
		if (timestampText == null) {
			hints.add("Cloudinary saw no timestamp: every signed upload must post the signed timestamp.");
		}
		else if (timestampText.matches("[0-9]{1,19}")) {
			timestamp = Long.parseLong(timestampText);
			hints.addAll(timestampHints(timestamp, now));
		}
		String guessed = switch (sentSignature.length()) {
			case 40 -> "sha1";
			case 64 -> "sha256";
			default -> null;
		};
		if (guessed != null && algorithm != null && !guessed.equals(algorithm)) {
			hints.add("The signature has " + sentSignature.length() + " hex characters (" + guessed
					+ ") but the account is set to " + algorithm + ": set signature_algorithm=" + algorithm
					+ " where the signature is made (an account may accept only SHA-256).");
		}
		String verdict;
		String summary;
		if (params == null) {
			verdict = "cloudinary-string-only";
			summary = "Cloudinary signed " + seen.size() + " parameters (" + String.join(", ", seen.keySet())
					+ "). Send the parameters you signed as params to compare them.";
		}
		else if (unsigned.isEmpty() && missing.isEmpty() && changed.isEmpty()) {
			verdict = "same-parameters";
			summary = "The parameters match what Cloudinary signed, so the secret, the API key or the algorithm "
					+ "differs.";
			hints.add("Check CLOUDINARY_URL: no quotes, no trailing space or line break, the secret of this API "
					+ "key (not the key itself), and the algorithm (40 hex characters = SHA-1, 64 = SHA-256).");
		}
		else {
			verdict = "parameters-differ";
			summary = "What was signed differs from what Cloudinary received: " + describe(unsigned, missing, changed)
					+ ".";
		}
		return new Result(verdict, summary, cloudinaryString, signedString, unsigned, missing, changed, timestamp,
				(timestamp != null) ? now - timestamp : null, guessed, hints);
	}

	/**
	 * Finds {@code Invalid Signature <sig>[.] String to sign - '<string>'[.]} in one pass
	 * (what the regular expression
	 * {@code Invalid Signature\s+(\S*?)\.?\s+String to sign - '(.*)'\.?\s*$} matches,
	 * without its quadratic backtracking on long runs of spaces).
	 * @param text the stripped error text
	 * @return the signature and the string to sign, or {@code null} when absent
	 */
	private static String @Nullable [] parseInvalid(String text) {
		int end = text.length();
		if (end > 0 && isLineTerminator(text.charAt(end - 1))) {
			end -= (end > 1 && text.charAt(end - 1) == '\n' && text.charAt(end - 2) == '\r') ? 2 : 1;
		}
		while (end > 0 && isSpace(text.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && text.charAt(end - 1) == '.') {
			end--;
		}
		int close = end - 1;
		if (close < 0 || text.charAt(close) != '\'') {
			return null;
		}
		for (int marker = text.indexOf(STRING_TO_SIGN); marker >= 0
				&& marker + STRING_TO_SIGN.length() <= close; marker = text.indexOf(STRING_TO_SIGN, marker + 1)) {
			String signature = signatureBefore(text, marker);
			if (signature != null) {
				return new String[] { signature, text.substring(marker + STRING_TO_SIGN.length(), close) };
			}
		}
		return null;
	}

	/**
	 * The signature between {@code Invalid Signature} and the marker at {@code marker}:
	 * spaces, a word without spaces (its one trailing '.' dropped), spaces.
	 * @param text the text of Cloudinary's error
	 * @param marker the index of the marker
	 * @return the signature, or {@code null} when there is none in that form
	 */
	private static @Nullable String signatureBefore(String text, int marker) {
		int spaceStart = marker;
		while (spaceStart > 0 && isSpace(text.charAt(spaceStart - 1))) {
			spaceStart--;
		}
		if (spaceStart == marker) {
			return null;
		}
		if (marker - spaceStart >= 2 && text.startsWith(INVALID_PREFIX, spaceStart - INVALID_PREFIX.length())) {
			return "";
		}
		int wordStart = spaceStart;
		while (wordStart > 0 && !isSpace(text.charAt(wordStart - 1))) {
			wordStart--;
		}
		int prefixEnd = wordStart;
		while (prefixEnd > 0 && isSpace(text.charAt(prefixEnd - 1))) {
			prefixEnd--;
		}
		if (wordStart == spaceStart || prefixEnd == wordStart
				|| !text.startsWith(INVALID_PREFIX, prefixEnd - INVALID_PREFIX.length())) {
			return null;
		}
		String word = text.substring(wordStart, spaceStart);
		return word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
	}

	/**
	 * What {@code \s} matches in a Java regular expression.
	 * @param c the character
	 * @return whether {@code \s} matches it
	 */
	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/**
	 * The line terminators before which {@code $} also matches.
	 * @param c the character
	 * @return whether it is such a line terminator
	 */
	private static boolean isLineTerminator(char c) {
		return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	/**
	 * The reported time of a stale request.
	 * @param text a UNIX time or a date such as {@code 2015-06-20 12:59:41 +0000}
	 * @return the UNIX time
	 * @throws IllegalArgumentException when the date does not exist
	 */
	private static long reportedTime(String text) {
		if (text.indexOf('-', 1) < 0) {
			return Long.parseLong(text);
		}
		try {
			return OffsetDateTime.parse(text, REPORTED_TIME).toEpochSecond();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("the reported time of the stale request is not a date Cloudinary "
					+ "writes (yyyy-MM-dd HH:mm:ss +0000)");
		}
	}

	private static List<String> timestampHints(long timestamp, long now) {
		List<String> hints = new ArrayList<>();
		if (String.valueOf(timestamp).length() == 13) {
			hints.add("The timestamp has 13 digits: it is in milliseconds; use UNIX time in seconds.");
		}
		else if (now - timestamp > 3600) {
			hints.add("The timestamp is " + (now - timestamp) + " s old: Cloudinary accepts a signature for one "
					+ "hour; fetch a fresh one right before uploading.");
		}
		else if (timestamp - now > 60) {
			hints.add("The timestamp is " + (timestamp - now) + " s in the future: check the clock of the machine "
					+ "that made it.");
		}
		return hints;
	}

	private static String describe(List<String> unsigned, List<String> missing, List<String> changed) {
		List<String> parts = new ArrayList<>();
		if (!unsigned.isEmpty()) {
			parts.add("not signed but received: " + String.join(", ", unsigned));
		}
		if (!missing.isEmpty()) {
			parts.add("signed but not received: " + String.join(", ", missing));
		}
		if (!changed.isEmpty()) {
			parts.add("changed: " + String.join(", ", changed));
		}
		return String.join("; ", parts);
	}

	private static String normalize(String value) {
		return value.replace("%26", "&");
	}

	private static Map<String, String> parse(String stringToSign) {
		Map<String, String> pairs = new LinkedHashMap<>();
		if (stringToSign.isEmpty()) {
			return pairs;
		}
		for (String pair : stringToSign.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				pairs.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return pairs;
	}

	/**
	 * A diagnosis.
	 *
	 * @param verdict {@code stale}, {@code parameters-differ}, {@code same-parameters} or
	 * {@code cloudinary-string-only}
	 * @param summary one sentence
	 * @param cloudinaryStringToSign what Cloudinary signed
	 * @param signedStringToSign what the given params sign (version 2)
	 * @param unsignedParams received by Cloudinary but not signed
	 * @param missingParams signed but not received
	 * @param changedParams values that differ
	 * @param timestamp the timestamp Cloudinary saw
	 * @param timestampAgeSeconds its age
	 * @param signatureAlgorithm the algorithm the sent signature's length suggests
	 * @param hints what to do
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Result(String verdict, String summary, @Nullable String cloudinaryStringToSign,
			@Nullable String signedStringToSign, List<String> unsignedParams, List<String> missingParams,
			List<String> changedParams, @Nullable Long timestamp, @Nullable Long timestampAgeSeconds,
			@Nullable String signatureAlgorithm, List<String> hints) {

	}

}
