package dev.signet.cloudinary;

/**
 * Thrown when a Cloudinary setting (a Cloudinary URL, a key ring, a token key) is
 * malformed. The message names the setting and the rule it breaks, never its value, in
 * the form {@code <setting> is invalid: <problem>}; the layer that reads the settings
 * turns it into its own startup failure.
 *
 * @author Signet developers
 */
public class MalformedSettingException extends IllegalArgumentException {

	private final String setting;

	private final String problem;

	public MalformedSettingException(String setting, String problem) {
		super(setting + " is invalid: " + problem);
		this.setting = setting;
		this.problem = problem;
	}

	/**
	 * The name of the environment variable or property at fault.
	 * @return the setting's name
	 */
	public String getSetting() {
		return this.setting;
	}

	/**
	 * What is wrong and how to fix it, without the value.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

}
