package dev.signet.settings;

/**
 * Thrown at startup when a setting is missing or malformed. The message names the setting
 * and the rule it breaks, never its value.
 *
 * @author Signet developers
 */
public class InvalidSettingException extends RuntimeException {

	private final String setting;

	private final String problem;

	public InvalidSettingException(String setting, String problem) {
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
