package dev.signet.ratelimit;

import java.util.concurrent.TimeUnit;

import dev.signet.refusal.LimitStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one signature's spend from the caller's, the client's and the profile's in-process
 * buckets, with limits set too high to refuse (as {@code bench/run.sh} runs Signet). Run
 * with {@code bench/jmh.sh RateLimiterBenchmarks}.
 *
 * @author Signet developers
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBenchmarks {

	private RateLimiter limiter;

	@Setup
	public void setUp() {
		this.limiter = RateLimitSettings.limiter("enabled", "true", "caller.capacity", "1000000000", "caller.period",
				"1s", "caller.quota", "1000000000", "caller.quota-period", "1d", "client.capacity", "1000000000",
				"client.period", "1s", "global.capacity", "1000000000", "global.period", "1s");
	}

	@TearDown
	public void tearDown() {
		this.limiter.close();
	}

	@Benchmark
	public LimitStatus consume() {
		return this.limiter.consume("default", "bench", "bench");
	}

}
