Attribute VB_Name = "xlscore"
' xlscore: the check button of the scoring workbook, inside Excel for Windows.
'
' XlscoreCheck runs the xlscore checker on this workbook through xlwings' RunPython: the results
' become the first sheet (the discrepancy sheet, replaced on each click) and the cells with
' findings are coloured. XlscoreClear removes that sheet and restores the cells' colours.
' Nothing here scores anything: the Python package xlscore does all of it.
'
' Setup (also printed by: xlscore macros install-help):
'   pip install "xlscore-0.1.0-py3-none-any.whl[excel]"   (the wheel file, or ".[excel]" in a
'   clone; Python 3.11+, "Add python.exe to PATH" ticked; xlscore is on no package index)
'   xlwings addin install             (with Excel closed)
'   VBA editor (Alt+F11) > File > Import File... > this file; assign XlscoreCheck to a button;
'   save as .xlsm. Files from the internet or e-mail need "Unblock" (file Properties) first.
'
' This file is ASCII on purpose: a VBA project's code page turns Chinese source text into "?".
' Chinese messages are therefore spelled as Unicode code points and decoded by U(). MsgBox
' shows them through the system code page, so they read correctly on Chinese Windows; the
' English text below them reads everywhere. WPS is not supported by xlwings: use the web page
' (xlscore serve) or the command line there (xlscore check FILE.xlsx). Not yet verified in Excel.

Option Explicit

' The add-in workbook "xlwings addin install" puts into Excel's XLSTART folder.
Private Const ADDIN_BOOK As String = "xlwings.xlam"

' Before each run, check that "python" on PATH can import xlwings and xlscore, so a missing
' Python or package gives a clear message instead of xlwings' own error. Set this to False if
' xlwings is set up with another interpreter (the Interpreter field of the xlwings ribbon tab).
Private Const PROBE_PYTHON As Boolean = True

' Exit code of "cmd /c" when the command is not found (and of Windows' python.exe store alias).
Private Const NOT_FOUND As Long = 9009

Public Sub XlscoreCheck()
    RunXlscore "import xlscore.excel; xlscore.excel.check_caller()"
End Sub

Public Sub XlscoreClear()
    RunXlscore "import xlscore.excel; xlscore.excel.clear_caller()"
End Sub

Private Sub RunXlscore(ByVal pythonCommand As String)
    If Not AddinLoaded() Then
        MsgBox MsgNoAddin(), vbExclamation, "xlscore"
        Exit Sub
    End If
    If PROBE_PYTHON Then
        Select Case ProbePython()
            Case 0
            Case NOT_FOUND
                MsgBox MsgNoPython(), vbExclamation, "xlscore"
                Exit Sub
            Case Else
                MsgBox MsgNoPackage(), vbExclamation, "xlscore"
                Exit Sub
        End Select
    End If
    ' Called through Application.Run rather than as RunPython directly, so this module compiles
    ' without a Tools > References entry for xlwings: the loaded add-in is enough.
    On Error GoTo Failed
    Application.Run ADDIN_BOOK & "!RunPython", pythonCommand
    Exit Sub
Failed:
    MsgBox Err.Description & vbNewLine & vbNewLine & MsgNoAddin(), vbExclamation, "xlscore"
End Sub

' True when the xlwings add-in is open in this Excel (an installed add-in is a hidden workbook).
Private Function AddinLoaded() As Boolean
    Dim book As Workbook
    On Error Resume Next
    Set book = Application.Workbooks(ADDIN_BOOK)
    On Error GoTo 0
    AddinLoaded = Not book Is Nothing
End Function

' 0 when Python starts and imports both packages; NOT_FOUND without Python; another code otherwise.
Private Function ProbePython() As Long
#If Mac Then
    ProbePython = 0
#Else
    Dim wsh As Object
    On Error GoTo NoShell
    Set wsh = CreateObject("WScript.Shell")
    ProbePython = wsh.Run("cmd /c python -c ""import xlwings, xlscore.excel""", 0, True)
    Exit Function
NoShell:
    ProbePython = NOT_FOUND
#End If
End Function

' Text from Unicode code points in decimal, separated by spaces (keeps this file ASCII).
Private Function U(ByVal codes As String) As String
    Dim part As Variant
    For Each part In Split(codes, " ")
        If Len(part) > 0 Then U = U & ChrW(CLng(part))
    Next part
End Function

Private Function MsgNoAddin() As String
    MsgNoAddin = ""
    MsgNoAddin = MsgNoAddin & U("27809 26377 21152 36733 32 120 108 119 105 110 103 115")
    MsgNoAddin = MsgNoAddin & U("32 21152 36733 39033 12290 35831 20851 38381 32 69 120 99")
    MsgNoAddin = MsgNoAddin & U("101 108 44 22312 8220 21629 20196 25552 31034 31526 8221 20013")
    MsgNoAddin = MsgNoAddin & U("36816 34892 32 112 105 112 32 105 110 115 116 97")
    MsgNoAddin = MsgNoAddin & U("108 108 32 34 120 108 115 99 111 114 101 45")
    MsgNoAddin = MsgNoAddin & U("48 46 49 46 48 45 112 121 51 45 110 111")
    MsgNoAddin = MsgNoAddin & U("110 101 45 97 110 121 46 119 104 108 91 101")
    MsgNoAddin = MsgNoAddin & U("120 99 101 108 93 34 44 20877 36816 34892 32 120")
    MsgNoAddin = MsgNoAddin & U("108 119 105 110 103 115 32 97 100 100 105 110")
    MsgNoAddin = MsgNoAddin & U("32 105 110 115 116 97 108 108 44 28982 21518 37325")
    MsgNoAddin = MsgNoAddin & U("26032 25171 24320 32 69 120 99 101 108 12290")
    MsgNoAddin = MsgNoAddin & vbNewLine & vbNewLine
    MsgNoAddin = MsgNoAddin & "The xlwings add-in is not loaded. Close Excel, and in a Command Prompt run: pip install ""x"
    MsgNoAddin = MsgNoAddin & "lscore-0.1.0-py3-none-any.whl[excel]"" and then: xlwings addin install. Then open Excel aga"
    MsgNoAddin = MsgNoAddin & "in."
End Function

Private Function MsgNoPython() As String
    MsgNoPython = ""
    MsgNoPython = MsgNoPython & U("27809 26377 25214 21040 32 80 121 116 104 111 110 12290")
    MsgNoPython = MsgNoPython & U("35831 20174 32 112 121 116 104 111 110 46 111 114")
    MsgNoPython = MsgNoPython & U("103 32 23433 35013 32 80 121 116 104 111 110 32")
    MsgNoPython = MsgNoPython & U("51 46 49 49 32 25110 26356 39640 29256 26412 44 23433")
    MsgNoPython = MsgNoPython & U("35013 26102 21246 36873 8220 65 100 100 32 112 121 116")
    MsgNoPython = MsgNoPython & U("104 111 110 46 101 120 101 32 116 111 32 80")
    MsgNoPython = MsgNoPython & U("65 84 72 8221 44 28982 21518 22312 8220 21629 20196 25552")
    MsgNoPython = MsgNoPython & U("31034 31526 8221 20013 36816 34892 32 112 105 112 32 105")
    MsgNoPython = MsgNoPython & U("110 115 116 97 108 108 32 34 120 108 115 99")
    MsgNoPython = MsgNoPython & U("111 114 101 45 48 46 49 46 48 45 112 121")
    MsgNoPython = MsgNoPython & U("51 45 110 111 110 101 45 97 110 121 46 119")
    MsgNoPython = MsgNoPython & U("104 108 91 101 120 99 101 108 93 34 12290")
    MsgNoPython = MsgNoPython & vbNewLine & vbNewLine
    MsgNoPython = MsgNoPython & "Python was not found. Install Python 3.11 or later from python.org, tick ""Add python.exe t"
    MsgNoPython = MsgNoPython & "o PATH"", then in a Command Prompt run: pip install ""xlscore-0.1.0-py3-none-any.whl[excel]"""
End Function

Private Function MsgNoPackage() As String
    MsgNoPackage = ""
    MsgNoPackage = MsgNoPackage & U("80 121 116 104 111 110 32 20013 27809 26377 23433 35013")
    MsgNoPackage = MsgNoPackage & U("32 120 108 115 99 111 114 101 32 25110 32 120")
    MsgNoPackage = MsgNoPackage & U("108 119 105 110 103 115 12290 35831 22312 8220 21629 20196")
    MsgNoPackage = MsgNoPackage & U("25552 31034 31526 8221 20013 36816 34892 32 112 105 112 32")
    MsgNoPackage = MsgNoPackage & U("105 110 115 116 97 108 108 32 34 120 108 115")
    MsgNoPackage = MsgNoPackage & U("99 111 114 101 45 48 46 49 46 48 45 112")
    MsgNoPackage = MsgNoPackage & U("121 51 45 110 111 110 101 45 97 110 121 46")
    MsgNoPackage = MsgNoPackage & U("119 104 108 91 101 120 99 101 108 93 34 12290")
    MsgNoPackage = MsgNoPackage & vbNewLine & vbNewLine
    MsgNoPackage = MsgNoPackage & "Python cannot import xlscore or xlwings. In a Command Prompt run: pip install ""xlscore-0.1"
    MsgNoPackage = MsgNoPackage & ".0-py3-none-any.whl[excel]"""
End Function
