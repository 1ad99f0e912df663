package dev.signet.support;

import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Needs @Needs}: fixture classes run in an engine of their own, with
 * Chromium taken as missing and {@code CI} set either way.
 *
 * @author Signet developers
 */
class NeedsConditionTests {

	@Test
	void missingToolSkipsTheTestWithWhatIsMissingAndHowToGetItOutsideCi() {
		EngineExecutionResults results = run(Fixture.class, false);
		results.testEvents().assertStatistics((stats) -> stats.skipped(1).started(1).succeeded(1).failed(0));
		assertThat(results.testEvents().skipped().stream().map((event) -> event.getRequiredPayload(String.class)))
			.singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("Skipped: Chromium is taken as missing")
			.contains(Tool.CHROMIUM.setup())
			.contains("under CI=true this test fails instead");
	}

	@Test
	void missingToolFailsTheTestUnderCiSayingWhatIsMissingAndHowCiGetsIt() {
		EngineExecutionResults results = run(Fixture.class, true);
		results.testEvents().assertStatistics((stats) -> stats.skipped(0).started(2).succeeded(1).failed(1));
		assertThat(failureMessages(results.testEvents().failed().stream()))
			.anySatisfy((message) -> assertThat(message).startsWith("CI=true and Chromium is taken as missing")
				.contains("this test must run in CI, never skip")
				.contains(".ci/parts/30-clients.sh installs Debian's chromium"));
	}

	@Test
	void toolMissingForTheWholeClassSkipsOrFailsTheClassBeforeAnyTestStarts() {
		EngineExecutionResults outsideCi = run(ClassFixture.class, false);
		outsideCi.containerEvents().assertStatistics((stats) -> stats.skipped(1).failed(0));
		outsideCi.testEvents().assertStatistics((stats) -> stats.started(0));
		EngineExecutionResults inCi = run(ClassFixture.class, true);
		inCi.containerEvents().assertStatistics((stats) -> stats.skipped(0).failed(1));
		inCi.testEvents().assertStatistics((stats) -> stats.started(0));
		assertThat(failureMessages(inCi.containerEvents().failed().stream()))
			.anySatisfy((message) -> assertThat(message).contains("CI=true and Chromium is taken as missing"));
	}

	@Test
	void everyToolSaysHowCiProvidesIt() {
		for (Tool tool : Tool.values()) {
			assertThat(tool.setup()).as(tool.name()).contains(".ci/");
		}
	}

	private static EngineExecutionResults run(Class<?> fixture, boolean ci) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(DiscoverySelectors.selectClass(fixture))
			.configurationParameter(NeedsCondition.CI, Boolean.toString(ci))
			.configurationParameter(NeedsCondition.ABSENT, "CHROMIUM")
			.execute();
	}

	private static List<String> failureMessages(Stream<Event> failed) {
		return failed.map((event) -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
			.flatMap((throwable) -> Stream.iterate(throwable, (t) -> t != null, Throwable::getCause))
			.map(Throwable::getMessage)
			.filter((message) -> message != null)
			.toList();
	}

	/**
	 * Run only through {@link EngineTestKit} (its name does not end in Tests).
	 */
	static class Fixture {

		@Test
		@Needs(Tool.CHROMIUM)
		void needsChromium() {
		}

		@Test
		void needsNothing() {
		}

	}

	/**
	 * Run only through {@link EngineTestKit} (its name does not end in Tests).
	 */
	@Needs(Tool.CHROMIUM)
	static class ClassFixture {

		@Test
		void needsChromiumThroughItsClass() {
		}

	}

}
