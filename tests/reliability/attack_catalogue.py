"""Which of issue 12's defects each reliability test attacks: the table `bench/reliability_attacks.py` counts with.

`ATTACKS` maps a test function in tests/reliability to the issue items it attacks; `CONTROLS` are the tests that feed
genuine input through the same path and must keep working (a fix that refuses everything would fail them). Every test
function in tests/reliability must be in exactly one of them — tests/reliability/test_attack_catalogue.py checks it,
so a new test is counted the day it is written. Each parametrised case counts as one attack.
"""

from __future__ import annotations

# Issue 12's defects, as the issue numbers them.
ITEMS = {
    1: "import: the file deleted or replaced while it is analysed",
    2: "import: a damaged deflate stream in a zip member",
    3: "import: a workbook openpyxl rejects (broken core.xml, invalid style)",
    4: "import: sparse cells far apart on many sheets (gigabytes, minutes)",
    5: "import: long repetitive cells refused as a zip bomb",
    6: "evidence: a link named like a document pointing at a system file",
    7: "evidence: a source truncated while it is copied",
    8: "evidence: a file swapped for a FIFO after examination",
    9: "evidence: a title or narrative that is not UTF-8",
    10: "restore: a zip bomb in a backup",
    11: "restore: a database from a newer hpdesk",
    12: "restore: a backup missing files its database names",
    13: "restore: schema objects hpdesk did not create",
    14: "restore: a malformed backup.json",
    15: "restore: killed between its renames",
    16: "init: killed during the first migration",
    17: "verify: a changed byte anywhere in the package container",
    18: "verify: bytes hidden in a signature's CMS structure",
    19: "verify: a link to /dev/zero, a FIFO",
    20: "a full disk, a read-only disk, a log that cannot write",
    21: "workspace.lock or the log being a link",
    22: "check: a truncated, re-hashed or bypassed audit trail",
    23: "check: an exported package altered or deleted",
    24: "leftovers: copies of the county's data outside the workspace, .restore-* folders",
}

ATTACKS: dict[str, tuple[int, ...]] = {
    # test_hostile_imports.py
    "test_a_file_replaced_after_the_check_changes_nothing_the_preview_hashes_the_bytes_it_parsed": (1,),
    "test_a_damaged_deflate_stream_is_one_clear_line": (2,),
    "test_an_indicator_table_openpyxl_rejects_is_one_clear_line": (3,),
    "test_sparse_far_apart_cells_on_twenty_sheets_are_refused_early_and_cheaply": (4,),
    "test_only_the_sheet_imported_is_read_sparse_sheets_after_it_cost_nothing": (4,),
    "test_long_repetitive_cells_compress_a_thousandfold_and_still_import": (5,),
    # test_hostile_evidence.py
    "test_a_link_named_like_minutes_to_a_system_file_is_refused_naming_where_it_points": (6,),
    "test_a_link_into_the_workspace_or_through_a_linked_folder_is_refused": (6,),
    "test_a_source_truncated_while_it_is_copied_is_refused_and_nothing_is_kept": (7,),
    "test_a_file_swapped_for_a_fifo_after_examination_is_refused_without_reading_it": (8,),
    "test_a_text_argument_that_is_not_utf8_is_one_clear_line": (9,),
    "test_a_narrative_that_is_not_utf8_is_one_clear_line": (9,),
    # test_hostile_backups.py, test_city_backup.py
    "test_a_zip_bomb_member_nobody_names_is_never_unpacked": (10,),
    "test_a_zip_bomb_the_database_names_is_refused_before_it_expands": (10,),
    "test_a_database_from_a_newer_hpdesk_is_refused_before_the_swap": (11,),
    "test_a_backup_missing_an_attachment_file_is_refused": (12,),
    "test_a_city_backup_lacking_a_received_package_its_database_names_is_refused": (12,),
    "test_a_database_with_a_schema_hpdesk_did_not_create_is_refused": (13,),
    "test_a_malformed_backup_json_gives_one_clear_line": (14,),
    "test_a_member_with_an_unsafe_name_gives_one_clear_line": (14,),
    "test_a_backup_whose_audit_trail_differs_from_its_anchor_is_refused_before_the_swap": (22,),
    # test_killed_restore.py
    "test_a_restore_killed_during_its_swap_is_finished_or_never_began": (15,),
    "test_a_restore_into_a_new_folder_killed_mid_swap_opens_restored": (15,),
    "test_a_restore_killed_while_unpacking_leaves_only_a_swept_scratch_folder": (15, 24),
    # test_killed_init_and_migration.py
    "test_killed_before_the_first_migration_commits_leaves_no_half_schema": (16,),
    "test_killed_before_the_office_is_committed_init_can_be_run_again": (16,),
    # test_canonical_package.py
    "test_no_single_changed_byte_anywhere_in_the_package_verifies": (17,),
    "test_garbage_appended_to_the_package_is_refused": (17,),
    "test_an_executable_stub_prepended_to_the_package_is_refused": (17,),
    "test_bytes_hidden_between_two_members_are_refused": (17,),
    "test_an_archive_comment_is_refused": (17,),
    "test_an_extra_field_in_a_member_header_is_refused": (17,),
    "test_a_duplicated_member_name_is_refused": (17,),
    "test_a_member_stored_compressed_is_refused_although_its_content_matches": (17,),
    "test_a_member_written_with_a_windows_header_is_refused": (17,),
    # test_strict_signatures.py
    "test_bytes_hidden_in_the_signature_padding_fail_verify": (18,),
    "test_a_changed_cms_version_in_the_pdf_fails_verify": (18,),
    "test_the_signature_contents_spelled_in_lower_case_hex_fail_verify": (18,),
    "test_no_changed_byte_in_the_pdf_signature_contents_verifies": (18,),
    "test_the_manifest_signature_with_bytes_after_its_der_fails": (18,),
    "test_the_manifest_signature_with_a_changed_version_fails": (18,),
    "test_an_rsa_signature_algorithm_spelled_as_the_other_writer_spells_it_fails": (18,),
    # test_hostile_packages.py
    "test_verify_on_a_link_to_dev_zero_is_refused_at_once": (19,),
    "test_verify_on_a_fifo_is_refused_without_waiting_for_a_writer": (19,),
    # test_full_and_read_only_disk.py, test_workbook_on_a_full_disk.py
    "test_a_full_disk_gives_one_clear_line_and_loses_nothing": (20,),
    "test_a_read_only_workspace_gives_one_clear_line_for_every_command": (20,),
    "test_restoring_onto_a_full_disk_gives_one_clear_line_and_leaves_no_half_workspace": (20, 15),
    "test_a_workbook_saved_onto_a_full_disk_is_the_disk_full_message_with_no_noise_and_no_scratch": (20, 24),
    # test_links_and_logging.py
    "test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched": (21,),
    "test_a_log_file_that_is_a_link_is_not_written_through": (21,),
    "test_a_log_folder_that_is_a_link_is_not_used": (21,),
    "test_a_log_handler_that_cannot_write_stays_silent": (20,),
    "test_without_a_log_file_nothing_is_printed_by_the_last_resort_handler": (20,),
    "test_an_os_refusal_at_the_lowest_layer_becomes_one_clear_line": (20,),
    # test_check_notices_tampering.py, test_audit_anchors.py
    "test_events_deleted_from_the_end_of_the_trail_are_noticed": (22,),
    "test_a_chain_edited_and_re_hashed_from_scratch_is_noticed": (22,),
    "test_a_report_changed_without_an_audit_event_is_noticed": (22,),
    "test_a_trigger_added_to_the_database_is_noticed": (13, 22),
    "test_an_exported_package_altered_or_deleted_is_noticed": (23,),
    "test_a_trail_cut_back_below_an_export_is_noticed_although_the_seal_was_made_anew": (22,),
    "test_a_trail_cut_back_below_a_backup_is_noticed_and_names_the_backup": (22,),
    # test_killed_export.py, test_no_copies_in_system_temp.py
    "test_a_killed_export_leaves_nothing_in_the_system_temp_folder_and_is_swept": (24,),
    "test_an_export_killed_while_writing_its_workbook_leaves_the_sheet_scratch_only_in_the_workspace": (24,),
    "test_a_copy_opened_in_a_viewer_stays_in_the_workspace_and_is_swept_on_the_next_open": (24,),
    "test_the_unsigned_preview_is_rendered_inside_the_workspace": (24,),
    "test_the_export_and_verify_write_nothing_to_the_system_temp": (24,),
}

# Genuine input through the same paths: must keep working. Keyed like ATTACKS, with the items whose path they share.
CONTROLS: dict[str, tuple[int, ...]] = {
    "test_a_link_to_an_ordinary_document_is_stored_and_the_real_path_is_shown": (6,),
    "test_a_genuine_backup_restores_over_an_existing_workspace": (10, 11, 12, 13, 14),
    "test_a_backup_made_before_anchors_existed_still_restores": (22,),
    "test_a_city_backup_carries_its_received_packages_and_restore_puts_them_back": (12,),
    "test_the_untouched_package_verifies": (17,),
    "test_the_zip64_directory_is_rebuilt_exactly_as_zipfile_writes_it_beyond_two_gigabytes": (17,),
    "test_the_signed_pdf_verifies": (18,),
    "test_an_untouched_demo_workspace_is_sound": (22, 23),
    "test_the_signed_manifest_of_an_export_names_the_trail_it_was_made_after": (22,),
    "test_an_untouched_workspace_reaches_every_anchor": (22,),
}
