#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""The daemon's introspection matches docs/dbus-api.md, member by member:
methods with argument names, types and directions, signals, and properties
with their type, access and change annotation."""
import os
import re
import unittest
import xml.etree.ElementTree as ET

import cvtest

EMITS = {'const': 'const', 'emits-change': 'true', 'no-signal': 'false'}


def parse_doc():
    """{interface: set of member descriptions} from the ```dbus blocks."""
    with open(os.path.join(cvtest.SRCROOT, 'docs', 'dbus-api.md')) as f:
        text = f.read()
    ifaces = {}
    for block in re.findall(r'```dbus\n(.*?)```', text, re.S):
        lines = [l.strip() for l in block.strip().splitlines()]
        name = lines[0].split()[1]
        members = set()
        for line in lines[1:]:
            kind, rest = line.split(None, 1)
            if kind == 'property':
                pname, ptype, ann = rest.split()
                members.add(('property', pname, ptype, EMITS[ann]))
                continue
            mname, args = re.match(r'(\w+)\((.*)\)$', rest).groups()
            args = tuple(tuple(a.split()) for a in args.split(',') if a.strip())
            if kind == 'signal':
                args = tuple(('out',) + a for a in args)
            members.add((kind, mname, args))
        ifaces[name] = members
    return ifaces


def parse_xml(xml, iface):
    members = set()
    for i in ET.fromstring(xml).findall('interface'):
        if i.get('name') != iface:
            continue
        for m in i.findall('method'):
            args = tuple((a.get('direction', 'in'), a.get('type'), a.get('name')) for a in m.findall('arg'))
            members.add(('method', m.get('name'), args))
        for s in i.findall('signal'):
            args = tuple(('out', a.get('type'), a.get('name')) for a in s.findall('arg'))
            members.add(('signal', s.get('name'), args))
        for p in i.findall('property'):
            ann = {a.get('name'): a.get('value') for a in p.findall('annotation')}
            emits = ann.get('org.freedesktop.DBus.Property.EmitsChangedSignal', 'true')
            members.add(('property', p.get('name'), p.get('type'), emits))
    return members


class IntrospectTest(unittest.TestCase):
    def test_matches_docs(self):
        s = cvtest.FakeSetup(self)
        path = s.create_started()
        doc = parse_doc()
        self.assertEqual(set(doc), {cvtest.MGR, cvtest.CELL})
        for obj, iface in ((cvtest.PATH, cvtest.MGR), (path, cvtest.CELL)):
            r = cvtest.busctl(s.bus, 'introspect', '--xml-interface', cvtest.BUS_NAME, obj)
            self.assertEqual(r.returncode, 0, r.stderr)
            got = parse_xml(r.stdout, iface)
            self.assertEqual(got - doc[iface], set(), 'in the daemon but not in docs/dbus-api.md')
            self.assertEqual(doc[iface] - got, set(), 'in docs/dbus-api.md but not in the daemon')

    def test_tree_lists_cells(self):
        s = cvtest.FakeSetup(self)
        s.create_started('gic-demo')
        s.create_started('uart-demo')
        r = cvtest.busctl(s.bus, 'tree', '--list', cvtest.BUS_NAME)
        self.assertIn('/org/cellvisor/cellmgr1/cell/gic_2ddemo', r.stdout.split())
        self.assertIn('/org/cellvisor/cellmgr1/cell/uart_2ddemo', r.stdout.split())


if __name__ == '__main__':
    cvtest.main()
