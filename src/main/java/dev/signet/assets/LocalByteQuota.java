package dev.signet.assets;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ByteQuota} in process: per owner, profile and UTC day, the upload ids
 * counted and their bytes. Days older than yesterday are dropped.
 *
 * @author Signet developers
 */
public final class LocalByteQuota implements ByteQuota {

	private final Map<String, Day> days = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * A quota on the system UTC clock.
	 */
	public LocalByteQuota() {
		this(Clock.systemUTC());
	}

	/**
	 * A quota whose notion of "today" (for dropping old days) comes from a clock.
	 * @param clock the clock
	 */
	public LocalByteQuota(Clock clock) {
		this.clock = clock;
	}

	@Override
	public long add(String owner, String profile, long epochDay, String uploadId, long bytes) {
		dropOldDays();
		Day day = this.days.computeIfAbsent(key(owner, profile, epochDay), (key) -> new Day(epochDay));
		synchronized (day) {
			if (day.ids.add(uploadId)) {
				day.bytes += bytes;
			}
			return day.bytes;
		}
	}

	@Override
	public long used(String owner, String profile, long epochDay) {
		Day day = this.days.get(key(owner, profile, epochDay));
		if (day == null) {
			return 0;
		}
		synchronized (day) {
			return day.bytes;
		}
	}

	private void dropOldDays() {
		long yesterday = LocalDate.now(this.clock).toEpochDay() - 1;
		this.days.values().removeIf((day) -> day.epochDay < yesterday);
	}

	private static String key(String owner, String profile, long epochDay) {
		return owner + ":" + profile + ":" + epochDay;
	}

	private static final class Day {

		private final long epochDay;

		private final Set<String> ids = new HashSet<>();

		private long bytes;

		Day(long epochDay) {
			this.epochDay = epochDay;
		}

	}

}
