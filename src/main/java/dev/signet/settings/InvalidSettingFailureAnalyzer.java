package dev.signet.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or malformed setting in one readable message that names the setting
 * and never its value.
 *
 * @author Signet developers
 */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix " + cause.getSetting() + " (environment variable, command-line option or a file named "
						+ cause.getSetting() + " in the config tree directory) and start Signet again.",
				cause);
	}

}
