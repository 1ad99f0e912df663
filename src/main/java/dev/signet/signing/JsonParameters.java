package dev.signet.signing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.signet.refusal.ParameterProblem;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a JSON object of upload parameters into the strings a client posts, refusing
 * every input on which Cloudinary's SDKs disagree (spec §1.6): keys outside
 * {@code [a-z_]}, nested objects, non-string or empty arrays, floating-point numbers,
 * {@code null}, blank strings, lone surrogates and control characters.
 *
 * @author Signet developers
 */
public final class JsonParameters {

	/** Keys every SDK sorts alike. */
	private static final Pattern KEY = Pattern.compile("[a-z_]{1,64}");

	private JsonParameters() {
	}

	/**
	 * Reads a JSON object of parameters.
	 * @param object the object
	 * @param problems where refusals are added
	 * @return the accepted parameters, in the order received
	 */
	public static Map<String, ParamValue> read(JsonNode object, List<ParameterProblem> problems) {
		Map<String, ParamValue> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			String name = entry.getKey();
			if (!KEY.matcher(name).matches()) {
				problems.add(new ParameterProblem(ParameterProblem.printable(name), ParameterProblem.INVALID_NAME,
						"parameter names must be 1 to 64 lowercase letters a-z or '_': "
								+ "Cloudinary's SDKs sort other names differently"));
				continue;
			}
			ParamValue value = value(name, entry.getValue(), problems);
			if (value != null) {
				result.put(name, value);
			}
		}
		return result;
	}

	private static @Nullable ParamValue value(String name, JsonNode node, List<ParameterProblem> problems) {
		if (node.isString()) {
			String problem = stringProblem(node.stringValue());
			if (problem != null) {
				problems.add(invalid(name, problem));
				return null;
			}
			return ParamValue.of(node.stringValue());
		}
		if (node.isBoolean()) {
			return ParamValue.of(node.booleanValue() ? "true" : "false");
		}
		if (node.isIntegralNumber()) {
			if (!node.canConvertToLong()) {
				problems.add(invalid(name, "the number is too large; send it as a string"));
				return null;
			}
			return ParamValue.of(Long.toString(node.longValue()));
		}
		if (node.isFloatingPointNumber()) {
			problems.add(invalid(name, "floating-point numbers are written differently by each SDK (1.0, 1, 1e-7); "
					+ "send the value as a string, exactly as the client will post it"));
			return null;
		}
		if (node.isNull()) {
			problems.add(invalid(name, "null is not a value; leave the parameter out"));
			return null;
		}
		if (node.isObject()) {
			problems.add(invalid(name, "nested objects are signed differently by each SDK; serialize the value "
					+ "as the client will post it (context and metadata as key=value|key2=value2)"));
			return null;
		}
		if (node.isArray()) {
			return array(name, node, problems);
		}
		problems.add(invalid(name, "unsupported value type"));
		return null;
	}

	private static @Nullable ParamValue array(String name, JsonNode node, List<ParameterProblem> problems) {
		if (node.isEmpty()) {
			problems.add(invalid(name, "the SDKs disagree on empty lists; leave the parameter out"));
			return null;
		}
		List<String> items = new ArrayList<>(node.size());
		for (JsonNode item : node.values()) {
			if (!item.isString()) {
				problems.add(invalid(name, "list items must be strings: the SDKs disagree on lists of numbers, "
						+ "booleans, objects or lists"));
				return null;
			}
			String text = item.stringValue();
			String problem = stringProblem(text);
			if (problem != null) {
				problems.add(invalid(name, "a list item is refused: " + problem));
				return null;
			}
			if (text.indexOf(',') >= 0) {
				problems.add(invalid(name, "a list item contains ',', which would split it into two items"));
				return null;
			}
			items.add(text);
		}
		return new ParamValue(String.join(",", items), List.copyOf(items));
	}

	/**
	 * Checks what every string value must satisfy.
	 * @param value the string
	 * @return the problem, or {@code null} when it is acceptable
	 */
	static @Nullable String stringProblem(String value) {
		if (value.isEmpty()) {
			return "empty values are dropped by the SDKs; leave the parameter out";
		}
		if (value.isBlank()) {
			return "blank values are signed by some SDKs and dropped by others; leave the parameter out";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return "contains a lone UTF-16 surrogate, which the SDKs encode differently";
			}
			if (Character.isLowSurrogate(c)) {
				return "contains a lone UTF-16 surrogate, which the SDKs encode differently";
			}
			if (Character.isISOControl(c)) {
				return "contains a control character (such as a line break, tab or NUL)";
			}
			if (isBidiControl(c)) {
				return "contains a bidirectional control character, which can disguise a name (such as U+202E)";
			}
		}
		return null;
	}

	private static ParameterProblem invalid(String name, String reason) {
		return new ParameterProblem(name, ParameterProblem.INVALID_VALUE, reason);
	}

	private static boolean isBidiControl(char c) {
		return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
