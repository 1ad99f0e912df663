package dev.signet.assets;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@link Removals} on a background executor. (Skeleton.)
 *
 * @author Signet developers
 */
public final class BackgroundRemovals implements Removals, AutoCloseable {

	private final CloudinaryAdmin admin;

	private final UploadRecordStore records;

	private final CloudinaryApiProperties properties;

	private final MeterRegistry meters;

	/**
	 * Removals.
	 * @param admin destroys assets
	 * @param records marks records removed
	 * @param properties the backoff
	 * @param meters counts removals
	 */
	public BackgroundRemovals(CloudinaryAdmin admin, UploadRecordStore records, CloudinaryApiProperties properties,
			MeterRegistry meters) {
		this.admin = admin;
		this.records = records;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public void remove(UploadRecord record) {
		throw new UnsupportedOperationException("not built yet");
	}

	@Override
	public void close() {
	}

}
