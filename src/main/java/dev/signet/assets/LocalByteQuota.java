package dev.signet.assets;

/**
 * The {@link ByteQuota} in process. (Skeleton.)
 *
 * @author Signet developers
 */
public final class LocalByteQuota implements ByteQuota {

	@Override
	public long add(String owner, String profile, long epochDay, String uploadId, long bytes) {
		throw new UnsupportedOperationException("not built yet");
	}

	@Override
	public long used(String owner, String profile, long epochDay) {
		throw new UnsupportedOperationException("not built yet");
	}

}
