package dev.vrack.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.vrack.appapi.InMemoryClassLoader;
import dev.vrack.appapi.RackApplication;
import dev.vrack.appapi.RackApplications;
import dev.vrack.common.MemoryCardFile;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.EncryptedBundle;
import dev.vrack.keychain.OpenedBundle;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.card.MemoryCard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorRoundTripTest {

    @TempDir
    Path dir;

    private final Vendor vendor = new Vendor();
    private final ApplicationKeyPair www = ApplicationKeyPair.generate("www");

    @Test
    void jarToBundleToCardToRunningApplicationAndNoPlaintextOnDisk() throws Exception {
        Path jar = SampleJars.jar("www");
        Map<String, byte[]> original = SampleJars.entries(jar);
        Path bundle = dir.resolve("www.vrappb");

        EncryptionResult result = vendor.encryptApplication(jar, EncryptionSelection.classFiles(), www.encryptionKey(), bundle);
        assertThat(result.encrypted()).isNotEmpty().allMatch(p -> p.endsWith(".class"))
                .containsAll(original.keySet().stream().filter(p -> p.endsWith(".class")).toList());
        assertThat(result.readable()).containsExactly("META-INF/MANIFEST.MF");

        Path cardFile = dir.resolve("cards/www.card");
        MemoryCard written = vendor.writeCard("www", bundle, cardFile);
        assertThat(written.getCardId()).matches("CARD-[0-9A-F]{12}");
        assertThat(vendor.writeCard("www", bundle, dir.resolve("second.card")).getCardId()).isNotEqualTo(written.getCardId());

        // The cartridge's side: read the card, open the bundle with the decryption key, load in memory, run.
        MemoryCard card = MemoryCardFile.read(cardFile);
        assertThat(card.getApplicationId()).isEqualTo("www");
        assertThat(card.getSystemProgramsList()).containsExactly("os", "dhcp-client", "license-agent");
        assertThat(card.getApplicationBundle().toByteArray()).isEqualTo(Files.readAllBytes(bundle));
        Map<String, byte[]> decrypted = new HashMap<>();
        try (OpenedBundle opened = EncryptedBundle.open(card.getApplicationBundle().toByteArray(), cardFile.toString(),
                www.decryptionKey())) {
            assertThat(opened.paths()).containsExactlyInAnyOrderElementsOf(original.keySet());
            for (String path : opened.paths()) {
                assertThat(opened.isEncrypted(path)).as(path).isEqualTo(path.endsWith(".class"));
                byte[] content = opened.read(path);
                assertThat(content).as(path).isEqualTo(original.get(path));
                decrypted.put(path, content);
            }
        }
        RackApplication app = RackApplications.load(decrypted, SampleJars.CARTRIDGE);
        assertThat(app.getClass().getClassLoader()).isInstanceOf(InMemoryClassLoader.class);
        SampleJars.Context ctx = new SampleJars.Context();
        try {
            app.start(ctx);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + ctx.address().getHostAddress() + ":8080/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("www served by chassis A slot 3 (CHASSIS-A-0001)");
        } finally {
            app.stop();
        }

        // Only the listed entries are encrypted: the manifest is readable in the bundle, no class file is.
        byte[] bundleBytes = Files.readAllBytes(bundle);
        assertThat(indexOf(bundleBytes, original.get("META-INF/MANIFEST.MF"))).isNotNegative();
        // Plaintext of the encrypted classes was never written: not in the bundle, card or anything else here.
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(3);
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (String path : result.encrypted()) {
                assertThat(indexOf(content, original.get(path))).as(path + " in " + file).isNegative();
            }
        }
    }

    @Test
    void theOtherSampleRunsFromItsCardToo() throws Exception {
        Path bundle = dir.resolve("primes.vrappb");
        ApplicationKeyPair primes = ApplicationKeyPair.generate("primes");
        vendor.encryptApplication(SampleJars.jar("primes"), EncryptionSelection.classFiles(), primes.encryptionKey(), bundle);
        Path cardFile = dir.resolve("primes.card");
        vendor.writeCard("primes", bundle, cardFile);
        Map<String, byte[]> decrypted = new HashMap<>();
        try (OpenedBundle opened = EncryptedBundle.open(MemoryCardFile.read(cardFile).getApplicationBundle().toByteArray(),
                "primes.card", primes.decryptionKey())) {
            for (String path : opened.paths()) {
                decrypted.put(path, opened.read(path));
            }
        }
        RackApplication app = RackApplications.load(decrypted, SampleJars.CARTRIDGE);
        SampleJars.Context ctx = new SampleJars.Context();
        try {
            app.start(ctx);
            await().atMost(Duration.ofSeconds(5)).until(() -> ctx.events.contains("app.progress"));
        } finally {
            app.stop();
        }
    }

    @Test
    void aFlippedByteInACardIsRefused() throws Exception {
        Path bundle = dir.resolve("www.vrappb");
        vendor.encryptApplication(SampleJars.jar("www"), EncryptionSelection.classFiles(), www.encryptionKey(), bundle);
        Path cardFile = dir.resolve("www.card");
        vendor.writeCard("www", bundle, cardFile);
        byte[] bytes = Files.readAllBytes(cardFile);

        // Damage anywhere (header, card ID, bundle, digest): the card is refused when read.
        for (int i : new int[] {0, 7, 10, 20, bytes.length / 2, bytes.length - 40, bytes.length - 1}) {
            byte[] copy = bytes.clone();
            copy[i] ^= 0x41;
            Path damaged = dir.resolve("damaged-" + i + ".card");
            Files.write(damaged, copy);
            assertThatThrownBy(() -> MemoryCardFile.read(damaged)).as("byte " + i).hasMessageContaining(damaged.toString());
        }

        // A deliberate edit of the bundle with the card's digest recomputed: the bundle's tag refuses it.
        MemoryCard card = MemoryCardFile.read(cardFile);
        byte[] edited = card.getApplicationBundle().toByteArray();
        edited[edited.length / 2] ^= 0x01;
        Path forged = dir.resolve("forged.card");
        MemoryCardFile.write(forged, card.toBuilder().setApplicationBundle(ByteString.copyFrom(edited)).build());
        byte[] forgedBundle = MemoryCardFile.read(forged).getApplicationBundle().toByteArray();
        assertThatThrownBy(() -> EncryptedBundle.open(forgedBundle, forged.toString(), www.decryptionKey()))
                .isInstanceOf(SealedFormatException.class).hasMessageContaining(forged.toString());
    }

    @Test
    void globsChooseWhatIsEncryptedAndBadChoicesAreRefused() throws Exception {
        Path jar = SampleJars.jar("www");
        Path bundle = dir.resolve("www.vrappb");
        EncryptionResult result = vendor.encryptApplication(jar,
                EncryptionSelection.globs(List.of("**/WwwApplication.class")), www.encryptionKey(), bundle);
        assertThat(result.encrypted()).containsExactly("dev/vrack/samples/www/WwwApplication.class");
        try (OpenedBundle opened = EncryptedBundle.open(bundle, www.decryptionKey())) {
            assertThat(opened.isEncrypted("dev/vrack/samples/www/WwwApplication.class")).isTrue();
            assertThat(opened.isEncrypted("dev/vrack/samples/www/Html.class")).isFalse();
        }

        assertThatThrownBy(() -> vendor.encryptApplication(jar, EncryptionSelection.globs(List.of("*.exe")),
                www.encryptionKey(), bundle)).isInstanceOf(VendorException.class).hasMessageContaining("'*.exe' matches no file of " + jar);
        assertThatThrownBy(() -> EncryptionSelection.globs(List.of("[oops"))).hasMessageContaining("is not a valid glob");

        Path app = dir.resolve("site");
        Files.createDirectories(app.resolve("public"));
        Files.writeString(app.resolve("public/index.html"), "<p>hello</p>");
        assertThatThrownBy(() -> vendor.encryptApplication(app, EncryptionSelection.classFiles(), www.encryptionKey(), bundle))
                .hasMessageContaining("has no file to encrypt");
        assertThatThrownBy(() -> vendor.encryptApplication(app, EncryptionSelection.globs(List.of("public/*")),
                www.encryptionKey(), app.resolve("inside.vrappb"))).hasMessageContaining("is inside the application directory");
        vendor.encryptApplication(app, EncryptionSelection.globs(List.of("public/*")), www.encryptionKey(), bundle);
        try (OpenedBundle opened = EncryptedBundle.open(bundle, www.decryptionKey())) {
            assertThat(new String(opened.read("public/index.html"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("<p>hello</p>");
        }
        assertThatThrownBy(() -> vendor.encryptApplication(dir.resolve("absent.jar"), EncryptionSelection.classFiles(),
                www.encryptionKey(), bundle)).hasMessageContaining("no such application jar or directory");
    }

    @Test
    void aCardIsWrittenOnlyForTheBundlesOwnApplication() throws Exception {
        Path bundle = dir.resolve("www.vrappb");
        vendor.encryptApplication(SampleJars.jar("www"), EncryptionSelection.classFiles(), www.encryptionKey(), bundle);
        assertThatThrownBy(() -> vendor.writeCard("primes", bundle, dir.resolve("x.card")))
                .hasMessageContaining("carries application 'www', not 'primes'");
        assertThatThrownBy(() -> vendor.writeCard("www", SampleJars.jar("www"), dir.resolve("x.card")))
                .hasMessageContaining("is not an encrypted application bundle");
        assertThat(dir.resolve("x.card")).doesNotExist();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
