"""The assessment round (SPEC §5b): a roster of units, one form per unit, and who has returned what.

It stands on ``check``, ``report`` and ``form`` and uses their models; nothing below it knows that
rounds exist (a form only records, in its metadata, the roster unit it was made for).

Public API:

* :mod:`xlscore.round.roster` — :class:`Roster`, :class:`Unit`, :func:`read_roster` (raises
  :class:`RosterError` with its :class:`RosterProblem` list);
* :mod:`xlscore.round.names` — :func:`normalise_name` (how two unit names compare),
  :func:`windows_file_name` (a unit's form file name);
* :mod:`xlscore.round.identify` — :class:`ReturnedForm` (what a return says about itself),
  :func:`identify` (which roster unit a return is, and whether it is that unit's);
* :mod:`xlscore.round.status` — :func:`round_status`, the 回收情况 of a whole folder.
"""
