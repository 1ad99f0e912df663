package dev.signet.operator;

import java.util.ArrayList;
import java.util.List;

import dev.signet.SignetApplication;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that Signet refuses to start on a malformed operator setting, naming it: an
 * operator client that is no client name, a scope that is no scope, the signing scope as
 * the operator scope (every signing caller would be an operator), a ring out of bounds.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorSettingsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"client with a space|signet.operator.clients=web ops|signet.operator.clients is invalid",
			"scope with a quote|signet.operator.scope=ops\"|signet.operator.scope is invalid",
			"signing scope|signet.operator.scope=signet:sign|signet.operator.scope is invalid: it equals "
					+ "the signing scope",
			"health scope|signet.operator.scope=signet:health|signet.operator.scope is invalid: it equals "
					+ "the health scope",
			"ring too large|signet.operator.recent-decisions=100001|signet.operator.recent-decisions is " + "invalid" })
	void startWithAMalformedOperatorSettingFailsNamingIt(String description, String setting, String message,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(setting));
		assertThat(output.getAll()).contains(message);
	}

	private static ConfigurableApplicationContext start(String setting) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""), "--SIGNET_API_KEYS=" + TestAccounts.API_KEYS));
		args.add("--" + setting);
		return new SpringApplicationBuilder(SignetApplication.class).run(args.toArray(String[]::new));
	}

}
