"""The exercise library pages (/exercises/) and the exercise pictures."""

from __future__ import annotations

from typing import Any

from backpath.core.library import default_library


def test_it_lists_every_library_entry_with_its_picture(as_alice: Any) -> None:
    page = as_alice.get("/exercises/")
    assert page.status_code == 200
    html = page.content.decode()
    for ex in default_library():
        assert f'data-testid="exercise-{ex.code}"' in html
    assert "/exercises/prone_press_up/thumbnail.svg" in html


def test_it_filters_by_category(as_alice: Any) -> None:
    html = as_alice.get("/exercises/?category=anti_rotation").content.decode()
    assert 'data-testid="exercise-pallof_press"' in html
    assert 'data-testid="exercise-prone_press_up"' not in html


def test_safe_for_extension_leaves_out_everything_that_loads_flexion(as_alice: Any) -> None:
    html = as_alice.get("/exercises/?dp=extension").content.decode()
    assert 'data-testid="exercise-prone_press_up"' in html
    for code in ("hamstring_stretch", "sit_ups", "flexion_in_lying", "knee_to_chest_stretch"):
        assert f'data-testid="exercise-{code}"' not in html


def test_safe_for_a_right_lateral_dp_leaves_out_the_left_glide(as_alice: Any) -> None:
    html = as_alice.get("/exercises/?dp=lateral_right").content.decode()
    assert 'data-testid="exercise-side_glide_standing_right"' in html
    assert 'data-testid="exercise-side_glide_standing_left"' not in html


def test_an_unknown_filter_is_a_clear_error_listing_the_allowed_values(as_alice: Any) -> None:
    page = as_alice.get("/exercises/?category=yoga&dp=sideways")
    assert page.status_code == 400
    html = page.content.decode()
    assert "category: &#x27;yoga&#x27; is not a category; allowed values: dp_extension" in html
    assert "allowed values: extension, flexion, lateral_left, lateral_right" in html


def test_the_detail_page_shows_the_animated_picture_steps_and_evidence(as_alice: Any) -> None:
    html = as_alice.get("/exercises/bird_dog/").content.decode()
    assert "<svg" in html and "Bird dog" in html
    assert "When to stop" in html
    heat = as_alice.get("/exercises/heat_pack/").content.decode()
    assert "not_recommended" in heat and "No picture" in heat


def test_an_unknown_exercise_is_404(as_alice: Any) -> None:
    assert as_alice.get("/exercises/nope/").status_code == 404


def test_the_library_needs_a_sign_in(client: Any) -> None:
    assert client.get("/exercises/").status_code == 302


def test_pictures_are_public_svg_with_a_long_cache(client: Any, db: Any) -> None:
    resp = client.get("/exercises/prone_press_up/still.svg")
    assert resp.status_code == 200 and resp["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in resp["Cache-Control"]
    assert client.get("/exercises/heat_pack/still.svg").status_code == 404
    assert client.get("/exercises/prone_press_up/huge.svg").status_code == 404
