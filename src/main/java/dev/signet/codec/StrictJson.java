package dev.signet.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads small JSON request bodies strictly (duplicate keys, trailing data, deep nesting
 * and long numbers refused) and turns every shape problem into a 400 problem that names
 * the field, never its value.
 *
 * @author Signet developers
 */
public final class StrictJson {

	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(8)
				.maxNumberLength(20)
				.maxNameLength(256)
				.maxStringLength(64 * 1024)
				.build())
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private StrictJson() {
	}

	/**
	 * Reads a body that must be one JSON object with only known fields.
	 * @param body the raw body, {@code null} when empty
	 * @param known the accepted field names
	 * @return the object
	 */
	public static JsonNode readObject(byte @Nullable [] body, Set<String> known) {
		JsonNode root = readAnyObject(body);
		for (String name : root.propertyNames()) {
			if (!known.contains(name)) {
				throw invalid("Unknown field '" + ParameterProblem.printable(name) + "'; accepted fields are "
						+ String.join(", ", known.stream().sorted().toList()) + ".");
			}
		}
		return root;
	}

	/**
	 * Reads a body that must be one JSON object, with any fields.
	 * @param body the raw body, {@code null} when empty
	 * @return the object
	 */
	public static JsonNode readAnyObject(byte @Nullable [] body) {
		JsonNode root;
		try {
			root = (body != null) ? JSON.readTree(strictUtf8(body)) : null;
		}
		catch (JacksonException | CharacterCodingException ex) {
			throw new Refusal(Reason.MALFORMED_JSON,
					"The body is not valid JSON (or breaks a limit: duplicate keys, nesting deeper than 8, "
							+ "numbers longer than 20 digits are refused). Send one JSON object.");
		}
		if (root == null || !root.isObject()) {
			throw invalid("The body must be a JSON object.");
		}
		return root;
	}

	/**
	 * A string field.
	 * @param root the object
	 * @param name the field
	 * @param required whether it must be present
	 * @return the value, {@code null} when absent and optional
	 */
	public static @Nullable String string(JsonNode root, String name, boolean required) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw invalid("The field " + name + " is required.");
			}
			return null;
		}
		if (!node.isString()) {
			throw invalid("The field " + name + " must be a string.");
		}
		return node.stringValue();
	}

	/**
	 * A field holding a non-negative whole number, given as a JSON number or a string of
	 * digits.
	 * @param root the object
	 * @param name the field
	 * @param required whether it must be present
	 * @return the digits, {@code null} when absent and optional
	 */
	public static @Nullable String digits(JsonNode root, String name, boolean required) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw invalid("The field " + name + " is required.");
			}
			return null;
		}
		String text = node.isIntegralNumber() ? node.asString() : node.isString() ? node.stringValue() : null;
		if (text == null || !text.matches("[0-9]{1,19}")) {
			throw invalid("The field " + name + " must be a non-negative whole number.");
		}
		return text;
	}

	/**
	 * A field holding a whole number from 0 to {@code max}, given as a JSON number or a
	 * string of digits; larger numbers (even 19 digits, beyond {@code long}) are refused
	 * with a 400, never parsed into an overflow.
	 * @param root the object
	 * @param name the field
	 * @param required whether it must be present
	 * @param max the largest accepted value
	 * @return the value, {@code null} when absent and optional
	 */
	public static @Nullable Long wholeNumber(JsonNode root, String name, boolean required, long max) {
		String text = digits(root, name, required);
		if (text == null) {
			return null;
		}
		if (new BigInteger(text).compareTo(BigInteger.valueOf(max)) > 0) {
			throw invalid("The field " + name + " must be at most " + max + ".");
		}
		return Long.parseLong(text);
	}

	/**
	 * A boolean field.
	 * @param root the object
	 * @param name the field
	 * @return the value, {@code false} when absent
	 */
	public static boolean bool(JsonNode root, String name) {
		JsonNode node = root.get(name);
		if (node == null || node.isNull()) {
			return false;
		}
		if (!node.isBoolean()) {
			throw invalid("The field " + name + " must be true or false.");
		}
		return node.booleanValue();
	}

	/**
	 * The refusal for a body of the wrong shape.
	 * @param detail what is wrong and what to send instead
	 * @return the exception to throw
	 */
	public static Refusal invalid(String detail) {
		return new Refusal(Reason.INVALID_REQUEST, detail);
	}

	/**
	 * Decodes UTF-8 refusing malformed input, overlong encodings (such as {@code C0 AF}
	 * for '/') and encoded surrogates, which Jackson's byte parser lets through.
	 * @param body the bytes to decode
	 * @return the decoded text
	 * @throws CharacterCodingException when the bytes are not strict UTF-8
	 */
	private static String strictUtf8(byte[] body) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(body))
			.toString();
	}

}
