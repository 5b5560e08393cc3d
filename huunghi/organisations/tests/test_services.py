"""Hierarchy changes keep paths consistent, keep history and refuse bad moves."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import org_unit
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.selectors import unit_subtree, unit_versions
from huunghi.organisations.services import unit_close, unit_merge, unit_move, unit_rename

D = dt.date(2026, 1, 1)


def test_paths_nest_and_subtree_is_one_prefix(world):
    """A child's path extends its parent's; the subtree query finds all descendants."""
    assert world.post_xa_mat.path.startswith(world.bdbp_tay_ninh.path)
    codes = set(unit_subtree(world.national).values_list("pk", flat=True))
    assert {world.post_xa_mat.pk, world.post_hoa_lu.pk, world.bdbp_dong_nai.pk} <= codes
    assert world.kh_post_bavet.pk not in codes


def test_move_rewrites_subtree_paths_and_keeps_history(world):
    """Moving a province moves its posts; the old parent stays in the unit's versions."""
    team = org_unit("Tổ công tác", parent=world.post_xa_mat)
    unit_move(unit=world.post_xa_mat, new_parent=world.bdbp_dong_nai, on_date=D, acting_user=SYSTEM)
    post = Unit.objects.get(pk=world.post_xa_mat.pk)
    team.refresh_from_db()
    assert post.path.startswith(world.bdbp_dong_nai.path)
    assert team.path.startswith(post.path)
    assert team.depth == post.depth + 1
    versions = list(unit_versions(post).values_list("parent_id", "valid_to"))
    assert versions[0] == (world.bdbp_tay_ninh.pk, D)
    assert versions[-1] == (world.bdbp_dong_nai.pk, None)
    assert AuditEvent.objects.filter(action="unit.move", target_id=str(post.pk)).exists()


def test_move_under_own_descendant_is_refused(world):
    """A cycle is refused with a message on the parent field and nothing changes."""
    before = world.bdbp_tay_ninh.path
    with pytest.raises(ValidationError) as err:
        unit_move(
            unit=world.bdbp_tay_ninh, new_parent=world.post_xa_mat, on_date=D, acting_user=SYSTEM
        )
    assert "parent" in err.value.message_dict
    world.bdbp_tay_ninh.refresh_from_db()
    assert world.bdbp_tay_ninh.path == before


def test_unit_in_wrong_country_is_refused(world):
    """A Vietnamese post cannot be placed under a Cambodian command."""
    with pytest.raises(ValidationError) as err:
        unit_move(
            unit=world.post_xa_mat, new_parent=world.kh_svay_rieng, on_date=D, acting_user=SYSTEM
        )
    assert "another country" in str(err.value.message_dict["parent"])
    with pytest.raises(ValidationError):
        org_unit("Đồn lạc", parent=world.kh_svay_rieng, country_code="VN")
    assert not Unit.objects.filter(name_vi="Đồn lạc").exists()


def test_rename_keeps_old_name_in_history(world):
    """The old name stays in the versions with its end date."""
    unit_rename(unit=world.post_xa_mat, name_vi="Đồn mới", on_date=D, acting_user=SYSTEM)
    names = list(world.post_xa_mat.versions.values_list("name_vi", "valid_to"))
    assert ("Đồn Biên phòng Cửa khẩu Xa Mát", D) in names
    assert ("Đồn mới", None) in names


def test_rename_on_date_before_current_version_is_refused(world):
    """Overlapping validity dates are refused and nothing is half-written."""
    unit_rename(unit=world.post_xa_mat, name_vi="Tên 2026", on_date=D, acting_user=SYSTEM)
    with pytest.raises(ValidationError) as err:
        unit_rename(
            unit=world.post_xa_mat,
            name_vi="Tên cũ hơn",
            on_date=D - dt.timedelta(days=30),
            acting_user=SYSTEM,
        )
    assert "on_date" in err.value.message_dict
    world.post_xa_mat.refresh_from_db()
    assert world.post_xa_mat.name_vi == "Tên 2026"


def test_merge_moves_children_and_closes_unit(world):
    """Merging closes the unit with a successor; its children move to the successor."""
    unit_merge(unit=world.bdbp_dong_nai, into=world.bdbp_tay_ninh, on_date=D, acting_user=SYSTEM)
    world.bdbp_dong_nai.refresh_from_db()
    world.post_hoa_lu.refresh_from_db()
    assert world.bdbp_dong_nai.valid_to == D
    assert world.bdbp_dong_nai.successor_id == world.bdbp_tay_ninh.pk
    assert world.post_hoa_lu.parent_id == world.bdbp_tay_ninh.pk
    assert world.post_hoa_lu.path.startswith(world.bdbp_tay_ninh.path)


def test_close_with_active_children_is_refused(world):
    with pytest.raises(ValidationError):
        unit_close(unit=world.bdbp_tay_ninh, on_date=D, acting_user=SYSTEM)


def test_kind_choices_cover_both_sides():
    assert {"border_post", "gendarmerie", "search_team", "military_subregion"} <= set(
        UnitKind.values
    )
