package io.github.ecrmavenplugin.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Stands in front of an emulator whose clock runs ahead ({@link Faults#clockAhead}) and gives its answers the
 * {@code Date} header of that clock: the JDK's HTTP server always writes the machine's own time there. Requests go
 * through unchanged; each answer's head is rewritten, its body (by {@code Content-Length}, or chunked) copied.
 */
final class DateShiftingRelay implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final ServerSocket server;
    private final int originPort;
    private final Faults faults;

    private DateShiftingRelay(ServerSocket server, int originPort, Faults faults) {
        this.server = server;
        this.originPort = originPort;
        this.faults = faults;
    }

    /** Listens on a free port of 127.0.0.1 and relays to {@code originPort} there. */
    static DateShiftingRelay start(int originPort, Faults faults) {
        try {
            DateShiftingRelay relay = new DateShiftingRelay(
                    new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), originPort, faults);
            Thread acceptor = new Thread(relay::accept, "emulator-date-relay");
            acceptor.setDaemon(true);
            acceptor.start();
            return relay;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket origin = new Socket(InetAddress.getLoopbackAddress(), originPort);
                daemon(() -> pipe(client, origin));
                daemon(() -> answers(origin, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void daemon(Runnable work) {
        Thread thread = new Thread(work, "emulator-date-relay-connection");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    /** Copies every answer from the origin, each with the emulator's time as its {@code Date}. */
    private void answers(Socket origin, Socket client) {
        try (origin;
                client) {
            InputStream in = origin.getInputStream();
            OutputStream out = client.getOutputStream();
            String statusLine;
            while ((statusLine = line(in)) != null) {
                StringBuilder head = new StringBuilder(statusLine).append("\r\n");
                long length = -1;
                boolean chunked = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    String name = header.substring(0, Math.max(header.indexOf(':'), 0))
                            .trim();
                    String value = header.substring(header.indexOf(':') + 1).trim();
                    if (name.equalsIgnoreCase("Date")) {
                        header = "Date: " + HTTP_DATE.format(faults.now());
                    } else if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                        chunked = true;
                    }
                    head.append(header).append("\r\n");
                }
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                if (chunked) {
                    copyChunks(in, out);
                } else if (length > 0) {
                    out.write(in.readNBytes((int) length));
                }
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // one side closed
        }
    }

    private static void copyChunks(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String size = line(in);
            if (size == null) {
                return;
            }
            out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
            out.write(in.readNBytes(length));
            String end = line(in);
            out.write(((end == null ? "" : end) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (length == 0) {
                return;
            }
        }
    }

    /** One CRLF-terminated line, without it; {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
