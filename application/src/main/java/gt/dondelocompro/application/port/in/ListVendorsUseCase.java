package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.Vendor;

import java.util.List;

/** The configured stores, active or not. */
public interface ListVendorsUseCase {

    List<Vendor> vendors();
}
