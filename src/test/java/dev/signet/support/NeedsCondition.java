package dev.signet.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The condition behind {@link Needs @Needs}: enables a class or method whose tools are
 * all there; otherwise disables it with what is missing, or, under {@code CI=true}, fails
 * it (a condition that throws fails the class or method) so that CI never passes with a
 * skipped test.
 * <p>
 * Two JUnit configuration parameters (also read from system properties) override the
 * machine, for this condition's own test or to see how a test behaves without a tool:
 * {@value #CI} ({@code true} or {@code false} instead of the {@code CI} variable) and
 * {@value #ABSENT} (tool names, comma separated, taken as missing).
 *
 * @author Signet developers
 */
public class NeedsCondition implements ExecutionCondition {

	/** Configuration parameter: {@code true} or {@code false}, instead of {@code CI}. */
	public static final String CI = "signet.test.ci";

	/** Configuration parameter: tools, comma separated, taken as missing. */
	public static final String ABSENT = "signet.test.absent-tools";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<Needs> needs = context.getElement()
			.flatMap((element) -> AnnotationSupport.findAnnotation(element, Needs.class));
		if (needs.isEmpty()) {
			return ConditionEvaluationResult.enabled("needs no outside tool");
		}
		Set<String> absent = context.getConfigurationParameter(ABSENT)
			.map((names) -> Arrays.stream(names.split(",")).map(String::trim).collect(Collectors.toSet()))
			.orElse(Set.of());
		Map<String, String> missing = new LinkedHashMap<>();
		for (Tool tool : needs.get().value()) {
			if (absent.contains(tool.name())) {
				missing.put(tool.description() + " is taken as missing (" + ABSENT + ")", tool.setup());
			}
			else if (tool.problem() != null) {
				missing.put(tool.problem(), tool.missingSetup());
			}
		}
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("has " + Arrays.toString(needs.get().value()));
		}
		String problems = String.join("; ", missing.keySet());
		String setup = missing.values().stream().distinct().collect(Collectors.joining("; "));
		boolean ci = context.getConfigurationParameter(CI).map(Boolean::parseBoolean).orElseGet(Tool::ci);
		if (ci) {
			throw new AssertionFailedError(
					"CI=true and " + problems + ": this test must run in CI, never skip. " + setup + ".");
		}
		return ConditionEvaluationResult
			.disabled("Skipped: " + problems + ". " + setup + " (under CI=true this test fails instead).");
	}

}
