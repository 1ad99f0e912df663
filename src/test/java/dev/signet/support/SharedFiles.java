package dev.signet.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the team's shared research files (test vectors) that sit beside the checkout.
 *
 * @author Signet developers
 */
public final class SharedFiles {

	private SharedFiles() {
	}

	/**
	 * Resolves a file below {@code ../shared/vectors}, or below the directory named by
	 * the {@code signet.vectors.dir} system property.
	 * @param name the file name
	 * @return the path
	 * @throws IllegalStateException when the file is missing, so that the test fails
	 * instead of silently passing
	 */
	public static Path vector(String name) {
		String dir = System.getProperty("signet.vectors.dir", "../shared/vectors");
		Path path = Path.of(dir, name).toAbsolutePath().normalize();
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException("Test vectors not found at " + path
					+ ": check out the shared/ folder beside the repository or set -Dsignet.vectors.dir");
		}
		return path;
	}

}
