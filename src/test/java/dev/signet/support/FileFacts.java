package dev.signet.support;

/**
 * What the stand-in reads from an uploaded file's first bytes, as Cloudinary would: the
 * format from the magic bytes (else the file name's extension) and, for PNG, GIF and
 * JPEG, the dimensions from the header.
 *
 * @param format the format, lowercase, or {@code null} when unknown
 * @param width the width in pixels, or {@code null}
 * @param height the height in pixels, or {@code null}
 * @author Signet developers
 */
public record FileFacts(String format, Integer width, Integer height) {

	/**
	 * Reads the facts of a file.
	 * @param bytes the file's bytes
	 * @param fileName the file's name as sent, or {@code null}
	 * @return the facts
	 */
	public static FileFacts of(byte[] bytes, String fileName) {
		if (starts(bytes, 0x89, 'P', 'N', 'G') && bytes.length >= 24) {
			return new FileFacts("png", int32(bytes, 16), int32(bytes, 20));
		}
		if (starts(bytes, 'G', 'I', 'F', '8') && bytes.length >= 10) {
			return new FileFacts("gif", u8(bytes, 6) | (u8(bytes, 7) << 8), u8(bytes, 8) | (u8(bytes, 9) << 8));
		}
		if (starts(bytes, 0xFF, 0xD8)) {
			return jpeg(bytes);
		}
		String extension = null;
		if (fileName != null && fileName.lastIndexOf('.') > 0) {
			extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
		}
		return new FileFacts(extension, null, null);
	}

	/**
	 * Whether the format is an image format the stand-in knows.
	 * @return whether it is an image
	 */
	public boolean image() {
		return this.width != null;
	}

	private static FileFacts jpeg(byte[] bytes) {
		int i = 2;
		while (i + 9 < bytes.length) {
			if (u8(bytes, i) != 0xFF) {
				i++;
				continue;
			}
			int marker = u8(bytes, i + 1);
			if (marker == 0xFF) {
				i++;
				continue;
			}
			int length = (u8(bytes, i + 2) << 8) | u8(bytes, i + 3);
			boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
			if (sof) {
				int height = (u8(bytes, i + 5) << 8) | u8(bytes, i + 6);
				int width = (u8(bytes, i + 7) << 8) | u8(bytes, i + 8);
				return new FileFacts("jpg", width, height);
			}
			i += 2 + length;
		}
		return new FileFacts("jpg", null, null);
	}

	private static boolean starts(byte[] bytes, int... magic) {
		if (bytes.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if (u8(bytes, i) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static int u8(byte[] bytes, int at) {
		return bytes[at] & 0xFF;
	}

	private static int int32(byte[] bytes, int at) {
		return (u8(bytes, at) << 24) | (u8(bytes, at + 1) << 16) | (u8(bytes, at + 2) << 8) | u8(bytes, at + 3);
	}

}
