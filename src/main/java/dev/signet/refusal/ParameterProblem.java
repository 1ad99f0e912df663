package dev.signet.refusal;

/**
 * One refused parameter: its name, a stable code and what to change. Never its value.
 *
 * @param name the parameter's name (shortened and escaped when it is not printable)
 * @param code a stable machine-readable code
 * @param reason what is wrong and what to do instead
 * @author Signet developers
 */
public record ParameterProblem(String name, String code, String reason) {

	/** A parameter outside the allow-list, or one that is never signed. */
	public static final String NOT_ALLOWED = "not_allowed";

	/** A parameter name outside {@code [a-z_]}. */
	public static final String INVALID_NAME = "invalid_name";

	/** A value of a type or form that is refused. */
	public static final String INVALID_VALUE = "invalid_value";

	/** A parameter that must be present but is missing. */
	public static final String MISSING = "missing";

	/**
	 * Makes a parameter name safe to show: printable ASCII names of reasonable length are
	 * kept, others are shortened and escaped.
	 * @param name the name as received
	 * @return a printable form
	 */
	public static String printable(String name) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < name.length() && out.length() < 64; i++) {
			char c = name.charAt(i);
			if (c >= 0x21 && c < 0x7f) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		if (out.length() >= 64 && name.length() > out.length()) {
			out.append("...");
		}
		return out.toString();
	}

}
