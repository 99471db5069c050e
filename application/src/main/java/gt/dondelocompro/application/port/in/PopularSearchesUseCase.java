package gt.dondelocompro.application.port.in;

import gt.dondelocompro.domain.PopularSearch;

import java.util.List;

/** The most searched normalized queries of the last {@code days} days, most searched first. */
public interface PopularSearchesUseCase {

    List<PopularSearch> popularSearches(int days, int limit);
}
