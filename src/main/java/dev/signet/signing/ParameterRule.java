package dev.signet.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signet.refusal.ParameterProblem;
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
			if (version >= 2 && value.posted().contains("%26")) {
				return "'%26' reads the same as '&' in the string to sign under signature version 2; "
						+ "send '&' itself";
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

	/**
	 * The rule a forced value must pass, by its parameter's kind: a path for
	 * {@code folder}, {@code asset_folder}, {@code public_id} and
	 * {@code public_id_prefix}, a name for {@code filename_override} and
	 * {@code upload_preset}, a list of paths for {@code tags}, a boolean for flags such
	 * as {@code overwrite}, and free text (no {@code &} under signature version 1) for
	 * every other parameter.
	 * @param param the parameter
	 * @return the rule
	 */
	static ParameterRule forForced(String param) {
		return switch (param) {
			case "folder", "asset_folder", "public_id", "public_id_prefix" -> identifier(255, true);
			case "filename_override", "upload_preset" -> identifier(255, false);
			case "tags" -> identifierList(100, 255);
			case "overwrite", "use_filename", "unique_filename", "discard_original_filename",
					"use_filename_as_display_name", "use_asset_folder_as_public_id_prefix", "invalidate", "backup",
					"return_delete_token", "async", "eager_async" ->
				bool();
			default -> freeText(16_384);
		};
	}

	/**
	 * A rule from configuration: a kind, then every refinement given.
	 * @param settings the configured rule
	 * @return the rule
	 * @throws IllegalArgumentException when the settings are inconsistent, with a message
	 * naming the broken part
	 */
	static ParameterRule of(ProfileProperties.Rule settings) {
		int maxLength = (settings.maxLength() != null) ? settings.maxLength() : -1;
		if (settings.maxLength() != null && maxLength < 1) {
			throw new IllegalArgumentException("max-length must be at least 1");
		}
		if (settings.maxItems() != null && settings.maxItems() < 1) {
			throw new IllegalArgumentException("max-items must be at least 1");
		}
		if (settings.itemPattern() != null && settings.maxItems() == null) {
			throw new IllegalArgumentException("item-pattern needs max-items (it applies to list items)");
		}
		ParameterRule base = switch (settings.kind()) {
			case "path" -> identifier((maxLength > 0) ? maxLength : 255, true);
			case "name" -> identifier((maxLength > 0) ? maxLength : 255, false);
			case "text" -> freeText((maxLength > 0) ? maxLength : 1024);
			case "boolean" -> bool();
			default -> throw new IllegalArgumentException(
					"kind must be path, name, text or boolean, not '" + settings.kind() + "'");
		};
		Pattern pattern = compile(settings.pattern(), "pattern");
		Pattern itemPattern = compile(settings.itemPattern(), "item-pattern");
		Set<String> values = Set.copyOf(settings.values());
		Set<String> contextKeys = Set.copyOf(settings.contextKeys());
		Integer maxItems = settings.maxItems();
		return (value, version) -> {
			if (maxItems != null) {
				List<String> items = value.listItems();
				if (items.size() > maxItems) {
					return "at most " + maxItems + " items are allowed";
				}
				for (String item : items) {
					String problem = base.check(ParamValue.of(item), version);
					if (problem == null && itemPattern != null && !itemPattern.matcher(item).matches()) {
						problem = "must match " + itemPattern.pattern();
					}
					if (problem == null && !values.isEmpty() && !values.contains(item)) {
						problem = "accepted values are " + String.join(", ", values.stream().sorted().toList());
					}
					if (problem != null) {
						return "an item is refused: " + problem;
					}
				}
			}
			else {
				String problem = base.check(value, version);
				if (problem != null) {
					return problem;
				}
				if (!values.isEmpty() && !values.contains(value.posted())) {
					return "accepted values are " + String.join(", ", values.stream().sorted().toList());
				}
			}
			if (pattern != null && !pattern.matcher(value.posted()).matches()) {
				return "must match " + pattern.pattern();
			}
			if (!contextKeys.isEmpty()) {
				for (String key : contextKeys(value.posted())) {
					if (!contextKeys.contains(key)) {
						return "context key '" + ParameterProblem.printable(key) + "' is not allowed; allowed keys are "
								+ String.join(", ", contextKeys.stream().sorted().toList());
					}
				}
			}
			return null;
		};
	}

	private static @Nullable Pattern compile(@Nullable String regex, String part) {
		if (regex == null) {
			return null;
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(part + " is not a valid regular expression");
		}
	}

	/**
	 * The keys of a {@code key=value|key2=value2} value, where {@code \|} and {@code \=}
	 * are escaped delimiters.
	 * @param value the value
	 * @return the keys
	 */
	static List<String> contextKeys(String value) {
		List<String> keys = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inKey = true;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				if (inKey) {
					current.append(value.charAt(i + 1));
				}
				i++;
			}
			else if (c == '|') {
				if (inKey) {
					keys.add(current.toString());
				}
				current.setLength(0);
				inKey = true;
			}
			else if (c == '=' && inKey) {
				keys.add(current.toString());
				current.setLength(0);
				inKey = false;
			}
			else if (inKey) {
				current.append(c);
			}
		}
		if (inKey && !current.isEmpty()) {
			keys.add(current.toString());
		}
		return keys;
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
		if (("/" + value + "/").contains("/./")) {
			return "a '.' path segment is not allowed";
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
