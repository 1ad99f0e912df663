package dev.signet.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true.
 *
 * @author Signet developers
 */
public final class Eventually {

	private Eventually() {
	}

	/**
	 * Polls a condition until it holds.
	 * @param timeout how long to wait at most
	 * @param condition the condition
	 * @return whether it held before the timeout
	 */
	public static boolean within(Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.getAsBoolean();
	}

}
