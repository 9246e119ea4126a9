package dev.vrack.cli;

import dev.vrack.proto.card.MemoryCard;
import dev.vrack.vendor.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rack vendor card --app ID --bundle BUNDLE --out CARD}. */
@Command(name = "card", mixinStandardHelpOptions = true,
        description = "Write a memory card image: a fresh card ID, the system programs and the encrypted application.")
final class VendorCardCommand implements Callable<Integer> {

    @ParentCommand
    VendorCommand vendor;

    @Option(names = "--app", required = true, paramLabel = "ID", description = "The application ID the authority registered.")
    String applicationId;

    @Option(names = "--bundle", required = true, paramLabel = "BUNDLE", description = "The encrypted bundle (rack vendor encrypt).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "CARD", description = "The card image to write.")
    Path out;

    @Override
    public Integer call() {
        try {
            MemoryCard card = new Vendor().writeCard(applicationId, bundle, out);
            vendor.rack.spec.commandLine().getOut().println("wrote card " + card.getCardId() + " with application "
                    + card.getApplicationId() + " (" + card.getApplicationBundle().size() + " bytes encrypted) to " + out);
            return 0;
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
