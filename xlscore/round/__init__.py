"""The assessment round (SPEC §5b): a roster of units, one form per unit, and who has returned what.

It stands on ``check``, ``report`` and ``form`` and uses their models; nothing below it knows that
rounds exist (a form only records, in its metadata, the roster unit it was made for).

Public API:

* :mod:`xlscore.round.roster` — :class:`Roster`, :class:`Unit`, :func:`read_roster` (raises
  :class:`RosterError` with its :class:`RosterProblem` list);
* :mod:`xlscore.round.names` — :func:`normalise_name` (how two unit names compare),
  :func:`windows_file_name` (a unit's form file name);
* :mod:`xlscore.round.identify` — :class:`ReturnedForm` (what a return says about itself: build it with
  ``ReturnedForm.from_report(report)`` after a check, or ``ReturnedForm.from_metadata(file, metadata, cover)``
  without one), :func:`identify` (which roster unit a return is, and whether it is that unit's:
  an :class:`Identification` with ``verdict``, ``unit``, ``how``, ``made_for``, ``reason``),
  :func:`named_by_file` (the unit a file name names);
* :mod:`xlscore.round.forms` — :func:`unit_forms` (each unit's form path, Windows-safe, duplicates refused),
  :func:`generate_round`;
* :mod:`xlscore.round.status` — :func:`round_status`, the 回收情况 of a whole folder;
  :mod:`xlscore.round.run` — :class:`RoundCheck`, a check run's side of it (used by the CLI and the web page);
* :mod:`xlscore.round.render` and :mod:`xlscore.round.summary_sheet` — 回收情况 as notes, text, JSON, and the
  table shown on the summary's first sheet and on the web page.
"""
