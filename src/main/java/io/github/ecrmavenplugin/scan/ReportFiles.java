package io.github.ecrmavenplugin.scan;

import io.github.ecrmavenplugin.registry.Image;
import io.github.ecrmavenplugin.registry.ImageScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where verify-image writes its reports of a scan.
 *
 * @param json        the JSON report of every finding ({@code scanReport})
 * @param sarif       the SARIF 2.1.0 log ({@code sarifReport})
 * @param toolVersion the plugin's version, as the SARIF log names its tool's
 */
public record ReportFiles(Path json, Path sarif, String toolVersion) {

    /** Writes both reports, creating their directories. */
    void write(Image image, String imageUri, ImageScan scan, ScanVerdict verdict, Signing signing) throws IOException {
        write(json, ScanReports.json(image, imageUri, scan, verdict, signing));
        write(sarif, ScanReports.sarif(imageUri, scan, verdict, toolVersion));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
