package dev.signet.clients;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Disables a browser test class, with the reason, when Chromium, Node.js, the npm
 * packages or the built page are missing, before Spring starts. Under {@code CI=true} it
 * never disables: the class then fails in its {@code @BeforeAll}.
 *
 * @author Signet developers
 */
class ClientToolsCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (ClientTools.ci()) {
			return ConditionEvaluationResult.enabled("CI=true: missing tools fail the tests");
		}
		try {
			ClientTools.chromium();
			ClientTools.node();
			ClientTools.nodeTests("playwright-core");
			ClientTools.examplePage();
			return ConditionEvaluationResult.enabled("Chromium, Node.js and the built page are there");
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

}
