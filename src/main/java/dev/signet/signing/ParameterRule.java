package dev.signet.signing;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What an allowed parameter's value must look like.
 *
 * @author Signet developers
 */
@FunctionalInterface
public interface ParameterRule {

	/** Characters of identifiers: letters, marks, digits, space, '_', '-', '.', '@'. */
	Pattern NAME_CHARACTERS = Pattern.compile("[\\p{L}\\p{M}\\p{N} _.@-]+");

	/** The same with '/' for paths. */
	Pattern PATH_CHARACTERS = Pattern.compile("[\\p{L}\\p{M}\\p{N} _.@/-]+");

	/**
	 * Checks a value.
	 * @param value the value
	 * @param signatureVersion the account's signature version
	 * @return what is wrong, or {@code null} when the value is accepted
	 */
	@Nullable String check(ParamValue value, int signatureVersion);

	/**
	 * An identifier such as a public ID, a folder or a tag: no {@code & % # ? ,}, no
	 * {@code ..}, no control or bidi characters, no leading, trailing or doubled
	 * {@code /}.
	 * @param maxLength the longest accepted value
	 * @param slashes whether '/' separates path segments
	 * @return the rule
	 */
	static ParameterRule identifier(int maxLength, boolean slashes) {
		Pattern characters = slashes ? PATH_CHARACTERS : NAME_CHARACTERS;
		return (value, version) -> identifierProblem(value.posted(), maxLength, characters);
	}

	/**
	 * A list of identifiers, as a JSON array of strings or a comma-separated string.
	 * @param maxItems the most items
	 * @param maxItemLength the longest item
	 * @return the rule
	 */
	static ParameterRule identifierList(int maxItems, int maxItemLength) {
		return (value, version) -> {
			List<String> items = value.listItems();
			if (items.size() > maxItems) {
				return "at most " + maxItems + " items are allowed";
			}
			for (String item : items) {
				String problem = identifierProblem(item, maxItemLength, PATH_CHARACTERS);
				if (problem != null) {
					return "an item is refused: " + problem;
				}
			}
			return null;
		};
	}

	/**
	 * Free text such as a caption or a display name: any printable character, including
	 * {@code &} and {@code %} when the account signs with version 2 (which escapes
	 * {@code &}).
	 * @param maxLength the longest accepted value
	 * @return the rule
	 */
	static ParameterRule freeText(int maxLength) {
		return (value, version) -> {
			if (value.posted().length() > maxLength) {
				return "at most " + maxLength + " characters are allowed";
			}
			if (version < 2 && value.posted().indexOf('&') >= 0) {
				return "'&' could smuggle extra parameters under signature version 1; "
						+ "remove it or configure signature_version=2";
			}
			return null;
		};
	}

	/**
	 * One of a fixed set of values.
	 * @param allowed the accepted values
	 * @return the rule
	 */
	static ParameterRule oneOf(Set<String> allowed) {
		return (value, version) -> allowed.contains(value.posted()) ? null
				: "accepted values are " + String.join(", ", allowed.stream().sorted().toList());
	}

	/**
	 * A boolean as Cloudinary accepts it.
	 * @return the rule
	 */
	static ParameterRule bool() {
		return oneOf(Set.of("true", "false", "1", "0"));
	}

	/**
	 * A value matching a regular expression.
	 * @param pattern the expression the whole value must match
	 * @param description what the value must look like, for the message
	 * @return the rule
	 */
	static ParameterRule matching(Pattern pattern, String description) {
		return (value, version) -> pattern.matcher(value.posted()).matches() ? null : "must be " + description;
	}

	private static @Nullable String identifierProblem(String value, int maxLength, Pattern characters) {
		if (value.length() > maxLength) {
			return "at most " + maxLength + " characters are allowed";
		}
		if (value.isEmpty()) {
			return "must not be empty";
		}
		if (!characters.matcher(value).matches()) {
			return "only letters, digits, spaces and " + ((characters == PATH_CHARACTERS) ? "'_ . @ - /'" : "'_ . @ -'")
					+ " are allowed (no & % # ? , control or bidi characters)";
		}
		if (value.contains("..")) {
			return "'..' is not allowed";
		}
		if (value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
			return "no leading, trailing or doubled '/' is allowed";
		}
		if (value.startsWith(" ") || value.endsWith(" ")) {
			return "no leading or trailing space is allowed";
		}
		return null;
	}

}
